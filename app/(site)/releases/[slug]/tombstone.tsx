import Link from "next/link";
import type { PublicSettings } from "@/db/public/settings";
import { formatInstantDate } from "@/lib/format/dates";

/**
 * What remains of a retracted release: its headline, when and why it was withdrawn. Nothing of the
 * retracted text is shown. The server answers it with 410 Gone (lib/http/gone.ts).
 */
export function Tombstone({
  headline,
  language,
  retractedAt,
  reason,
  settings,
}: {
  headline: string;
  language: string;
  retractedAt: string;
  reason: string | null;
  settings: PublicSettings;
}) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16">
      <p className="text-xs font-semibold uppercase tracking-[0.2em] text-accent-readable">Retracted release</p>
      <h1 lang={language} className="mt-3 font-serif text-3xl leading-tight text-slate-700 text-balance sm:text-4xl dark:text-slate-300">
        {headline}
      </h1>
      <section aria-labelledby="retraction" className="mt-8 border-l-4 border-amber-400 pl-4">
        <h2 id="retraction" className="text-sm font-semibold text-slate-900 dark:text-slate-100">
          {settings.organisationName} retracted this release on{" "}
          <time dateTime={retractedAt}>{formatInstantDate(retractedAt, settings.timeZone)}</time>.
        </h2>
        <p className="mt-2 whitespace-pre-line text-slate-700 dark:text-slate-300" data-testid="retraction-reason">
          {reason ?? "No reason was given."}
        </p>
      </section>
      <p className="mt-10">
        <Link href="/" className="underline underline-offset-2">
          Go to the latest releases
        </Link>
      </p>
    </main>
  );
}
