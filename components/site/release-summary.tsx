import Link from "next/link";
import type { PublicRelease } from "@/db/public/publications";
import { formatLongDate } from "@/lib/format/dates";

export function ReleaseSummary({ release, timeZone }: { release: PublicRelease; timeZone: string }) {
  return (
    <article className="border-b border-slate-200 py-6 dark:border-slate-800">
      <p className="text-xs font-semibold uppercase tracking-widest text-slate-500">
        {release.typeName ?? "Press release"} · <time dateTime={release.publishedAt}>{formatLongDate(release.publishedAt, timeZone)}</time>
      </p>
      <h2 className="mt-2 font-serif text-2xl leading-snug">
        <Link href={`/releases/${release.slug}`} className="hover:underline">
          {release.headline}
        </Link>
      </h2>
      {release.summary && <p className="mt-2 text-slate-700 dark:text-slate-300">{release.summary}</p>}
    </article>
  );
}
