import type { CSSProperties } from "react";
import type { PublicSettings } from "@/db/public/settings";
import { safeAccent } from "@/lib/public/labels";
import { formatCalendarDate } from "@/lib/format/dates";
import { languageName } from "@/lib/i18n/languages";
import type { ReleaseView } from "@/lib/content/release-view";

/**
 * One release as the public reads it, letterhead to boilerplate. Used by the public page and by the
 * editor's preview. The HTML was rendered from validated content by lib/content/render.ts.
 */
export function ReleaseDocument({ release, settings }: { release: ReleaseView; settings: PublicSettings }) {
  const { letterhead } = settings;
  return (
    <article
      lang={release.language}
      className="release-document mx-auto max-w-3xl px-4 py-10"
      style={{ "--accent": safeAccent(settings.accentColor) } as CSSProperties}
    >
      <header className="release-letterhead flex flex-wrap items-start justify-between gap-4 border-b-2 pb-4 text-xs text-slate-600 dark:text-slate-400" style={{ borderColor: settings.accentColor }}>
        <div>
          <p className="font-serif text-base text-slate-900 dark:text-slate-100">{settings.organisationName}</p>
          {letterhead.address.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
        <div className="text-right">
          {letterhead.phones.map((phone) => (
            <p key={phone}>Tel. {phone}</p>
          ))}
          {letterhead.fax && <p>Fax {letterhead.fax}</p>}
          {letterhead.email && <p>{letterhead.email}</p>}
          {letterhead.website && <p>{letterhead.website.replace(/^https?:\/\//, "")}</p>}
        </div>
      </header>

      <div className="mt-8">
        <p className="text-accent-readable text-xs font-semibold uppercase tracking-widest">
          {release.typeName ?? "Press release"}
        </p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          <time dateTime={release.date}>{formatCalendarDate(release.date)}</time>
          {release.reference && <span> · {release.reference}</span>}
        </p>
        <h1 className="mt-4 font-serif text-3xl leading-tight text-balance sm:text-4xl">{release.headline}</h1>
        {release.subtitle && <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">{release.subtitle}</p>}
      </div>

      {release.corrections && release.corrections.length > 0 && (
        <ul className="mt-6 space-y-1 border-l-4 border-amber-400 pl-4 text-sm">
          {release.corrections.map((correction) => (
            <li key={`${correction.date}${correction.text}`}>{correction.text}</li>
          ))}
        </ul>
      )}

      {release.dateline && <p className="mt-8 text-sm font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">{release.dateline}</p>}
      <div className={`release-body ${release.dateline ? "mt-2" : "mt-8"}`} dangerouslySetInnerHTML={{ __html: release.html }} />

      {release.relatedDocuments.length > 0 && (
        <section aria-labelledby="related-documents" className="release-related mt-10">
          <h2 id="related-documents" className="font-sans text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            Related documents
          </h2>
          <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {release.relatedDocuments.map((document) => (
              <li key={document.href} className="px-4 py-3">
                <a href={document.href} className="font-medium text-sky-800 underline dark:text-sky-300">
                  {document.title}
                </a>
                {document.note && <p className="text-sm text-slate-600 dark:text-slate-400">{document.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {release.notesToEditorsHtml && (
        <section aria-labelledby="notes-to-editors" className="mt-10">
          <h2 id="notes-to-editors" className="font-sans text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            Notes to editors
          </h2>
          <div className="release-body mt-3 text-base" dangerouslySetInnerHTML={{ __html: release.notesToEditorsHtml }} />
        </section>
      )}

      {release.contacts.length > 0 && (
        <section aria-labelledby="media-contacts" className="release-contacts mt-10">
          <h2 id="media-contacts" className="font-sans text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            Media contacts
          </h2>
          <ul className="mt-3 grid gap-4 sm:grid-cols-2">
            {release.contacts.map((contact) => (
              <li key={`${contact.name}${contact.email}`} className="text-sm">
                <p className="font-medium">{contact.name}</p>
                {contact.role && <p className="text-slate-600 dark:text-slate-400">{contact.role}</p>}
                {contact.email && (
                  <a className="block underline" href={`mailto:${contact.email}`}>
                    {contact.email}
                  </a>
                )}
                {contact.phone && <p>{contact.phone}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {release.boilerplate && (
        <footer className="mt-12 border-t border-slate-200 pt-6 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <p className="font-semibold text-slate-800 dark:text-slate-200">About {settings.organisationName}</p>
          <p className="mt-1 whitespace-pre-line">{release.boilerplate}</p>
        </footer>
      )}

      {release.translations && release.translations.length > 0 && (
        <nav aria-label="Other languages" className="print-hidden mt-6 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Also available in: </span>
          {release.translations.map((translation, index) => (
            <span key={translation.href}>
              {index > 0 && ", "}
              <a href={translation.href} hrefLang={translation.language} lang={translation.language} className="underline">
                {languageName(translation.language, translation.language)}
              </a>
            </span>
          ))}
        </nav>
      )}

      {release.topics.length > 0 && (
        <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
          Topics:{" "}
          {release.topics.map((topic, index) => (
            <span key={topic.slug}>
              {index > 0 && ", "}
              <a href={`/topics/${topic.slug}`} className="underline underline-offset-2 hover:text-slate-900 dark:hover:text-white">
                {topic.name}
              </a>
            </span>
          ))}
        </p>
      )}
    </article>
  );
}
