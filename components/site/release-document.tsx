import type { PublicRelease } from "@/db/public/publications";
import type { PublicSettings } from "@/db/public/settings";
import { formatLongDate } from "@/lib/format/dates";

/** One release as the public reads it: letterhead to boilerplate. The body HTML was rendered and sanitised at publish time. */
export function ReleaseDocument({ release, settings }: { release: PublicRelease; settings: PublicSettings }) {
  return (
    <article className="mx-auto max-w-3xl px-4 py-10">
      <header className="border-b border-slate-200 pb-6 dark:border-slate-800">
        <p className="text-xs font-semibold uppercase tracking-widest" style={{ color: settings.accentColor }}>
          {release.typeName ?? "Press release"}
        </p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          <time dateTime={release.publishedAt}>{formatLongDate(release.publishedAt, settings.timeZone)}</time>
          {release.reference && <span> · {release.reference}</span>}
        </p>
        <h1 className="mt-4 font-serif text-3xl leading-tight sm:text-4xl">{release.headline}</h1>
        {release.subtitle && <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">{release.subtitle}</p>}
      </header>
      <div className="release-body mt-8" dangerouslySetInnerHTML={{ __html: release.html }} />
      <footer className="mt-12 border-t border-slate-200 pt-6 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
        <p className="font-semibold text-slate-800 dark:text-slate-200">About {settings.organisationName}</p>
        <p className="mt-1">{release.boilerplate ?? settings.boilerplate}</p>
      </footer>
    </article>
  );
}
