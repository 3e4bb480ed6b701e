import Link from "next/link";
import { SearchForm } from "@/components/site/search-form";

/**
 * What a reader sees at an address that has nothing: where to find what they were after. Reads no
 * settings and no database (the root 404 is rendered at build time too).
 */
export function NotFoundNotice() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-slate-600 dark:text-slate-400">Error 404</p>
      <h1 className="mt-3 font-serif text-3xl text-balance">This page does not exist</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">The address may be mistyped, or the page may have moved.</p>
      <SearchForm id="not-found-search" className="mx-auto mt-8 flex max-w-md gap-2" inputClassName="min-w-0 flex-1 rounded border border-slate-300 bg-white px-3 py-2 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" />
      <ul className="mt-8 flex flex-wrap justify-center gap-x-6 gap-y-2 text-sm">
        <li>
          <Link href="/" className="underline underline-offset-2">
            Latest releases
          </Link>
        </li>
        <li>
          <Link href="/archive" className="underline underline-offset-2">
            Archive
          </Link>
        </li>
        <li>
          <Link href="/topics" className="underline underline-offset-2">
            Topics
          </Link>
        </li>
      </ul>
    </main>
  );
}
