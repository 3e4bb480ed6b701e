import Link from "next/link";
import type { ReleaseListItem } from "@/db/public/listing";
import { formatCalendarDate } from "@/lib/format/dates";

/** `date` is the release's effective date (a calendar date): its own, or the day it was published. */
export type ReleaseSummaryItem = Pick<ReleaseListItem, "slug" | "headline" | "summary" | "typeName" | "date"> & { language?: string };

/** One release in a list: type and date, headline as the link, summary. */
export function ReleaseSummary({
  release,
  siteLanguage = "en",
  headingLevel = 2,
}: {
  release: ReleaseSummaryItem;
  siteLanguage?: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const lang = release.language && release.language !== siteLanguage ? release.language : undefined;
  return (
    <article className="release-summary border-b border-slate-200 py-6 last:border-b-0 dark:border-slate-800">
      <p className="text-xs font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">
        <span className="text-accent-readable">{release.typeName ?? "Press release"}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={release.date}>{formatCalendarDate(release.date)}</time>
      </p>
      <Heading lang={lang} className="mt-2 font-serif text-2xl leading-snug text-slate-900 text-balance dark:text-slate-50">
        <Link href={`/releases/${release.slug}`} className="underline-offset-4 hover:underline focus-visible:underline">
          {release.headline}
        </Link>
      </Heading>
      {release.summary && (
        <p lang={lang} className="mt-2 max-w-prose leading-relaxed text-slate-700 dark:text-slate-300">
          {release.summary}
        </p>
      )}
    </article>
  );
}
