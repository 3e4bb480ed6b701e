import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/site/page-heading";
import { Pagination } from "@/components/site/pagination";
import { SearchResultItem } from "@/components/site/search-result";
import { SEARCH_PAGE_SIZE, searchPublications, type SearchResults } from "@/db/public/search";
import type { SearchParams } from "@/lib/public/filters";
import { MAX_SEARCH_CHARS, normaliseSearchQuery } from "@/lib/public/search-query";

// Per query and never cached: the GIN index keeps each one cheap.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Search", robots: { index: false, follow: true } };

type Props = { searchParams: Promise<SearchParams> };

function pageNumber(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d{1,4}$/.test(text) ? Math.max(1, Number(text)) : 1;
}

function searchHref(text: string, page: number) {
  const query = new URLSearchParams({ q: text });
  if (page > 1) query.set("page", String(page));
  return `/search?${query.toString()}`;
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = normaliseSearchQuery(params.q);
  const results = await searchPublications(query, pageNumber(params.page));
  const text = query.kind === "empty" ? "" : query.text;
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <PageHeading kicker="Search" title={query.kind === "words" ? `Results for “${text}”` : "Search the releases"} />
        <form action="/search" method="get" role="search" className="mt-6 flex flex-wrap items-end gap-3">
          <label className="flex min-w-[14rem] flex-1 flex-col gap-1 text-sm">
            <span className="font-medium text-slate-700 dark:text-slate-300">Words to find</span>
            <input
              type="search"
              name="q"
              defaultValue={text}
              maxLength={MAX_SEARCH_CHARS}
              className="rounded border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            />
          </label>
          <button type="submit" className="button-accent py-2">
            Search
          </button>
        </form>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
          Put a phrase in &ldquo;quotes&rdquo;, write <kbd>or</kbd> between alternatives, and a minus before a word to leave it out (<kbd>budget -draft</kbd>).
        </p>
        <Outcome query={query} results={results} text={text} />
      </div>
    </main>
  );
}

function Outcome({ query, results, text }: { query: ReturnType<typeof normaliseSearchQuery>; results: SearchResults; text: string }) {
  if (query.kind === "empty") return null;
  if (query.kind === "no-words") {
    return (
      <p role="status" className="mt-8 text-slate-700 dark:text-slate-300">
        Type a word to search for: punctuation alone finds nothing.
      </p>
    );
  }
  if (results.hits.length === 0) {
    return (
      <div role="status" className="mt-8 text-slate-700 dark:text-slate-300">
        <p>
          {results.total > 0 ? `There are no more results: ${results.total} in all.` : `No releases match “${text}”.`}
        </p>
        <p className="mt-2">
          {results.total > 0 ? (
            <Link href={searchHref(text, 1)} className="underline">
              Back to the first results
            </Link>
          ) : (
            <>
              Try fewer or other words, or browse the <Link href="/archive" className="underline">archive</Link> and{" "}
              <Link href="/topics" className="underline">topics</Link>.
            </>
          )}
        </p>
      </div>
    );
  }
  const first = (results.page - 1) * SEARCH_PAGE_SIZE + 1;
  return (
    <>
      <p role="status" className="mt-8 text-sm text-slate-600 dark:text-slate-400">
        {results.more
          ? `More than ${results.total.toLocaleString("en")} releases match; the ${results.total.toLocaleString("en")} most recent are ranked`
          : results.total === 1
            ? "1 release"
            : `${results.total} releases`}
        {results.pageCount > 1 && `, ${first}–${first + results.hits.length - 1} shown`}, best matches first.
      </p>
      <ol className="mt-2">
        {results.hits.map((hit) => (
          <SearchResultItem key={hit.slug} hit={hit} />
        ))}
      </ol>
      <Pagination
        label="Result pages"
        newer={results.page > 1 ? { href: searchHref(text, results.page - 1), label: "Previous results" } : null}
        older={results.page < results.pageCount ? { href: searchHref(text, results.page + 1), label: "More results" } : null}
      />
    </>
  );
}
