import Link from "next/link";
import type { SearchHit } from "@/db/public/search";
import { formatCalendarDate } from "@/lib/format/dates";

/**
 * One search result. headlineHtml and snippetHtml were built by lib/public/snippet.ts: every character
 * of the release's text is escaped there and only <mark> elements are added, so they are safe as HTML.
 */
export function SearchResultItem({ hit }: { hit: SearchHit }) {
  return (
    <li className="search-result border-b border-slate-200 py-6 last:border-b-0 dark:border-slate-800">
      <p className="text-xs font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">
        <span className="text-accent-readable">{hit.typeName ?? "Press release"}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={hit.date}>{formatCalendarDate(hit.date)}</time>
      </p>
      <h2 lang={hit.language} className="mt-2 font-serif text-xl leading-snug text-slate-900 dark:text-slate-50">
        <Link href={`/releases/${hit.slug}`} className="underline-offset-4 hover:underline" dangerouslySetInnerHTML={{ __html: hit.headlineHtml }} />
      </h2>
      {hit.snippetHtml && (
        <p lang={hit.language} className="mt-2 max-w-prose leading-relaxed text-slate-700 dark:text-slate-300" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
      )}
    </li>
  );
}
