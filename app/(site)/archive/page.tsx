import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/site/page-heading";
import { getPublicFacets } from "@/db/public/facets";
import { getPublicSettings } from "@/db/public/settings";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Archive", alternates: { canonical: "/archive" } };

export default async function ArchivePage() {
  const settings = await getPublicSettings();
  const { years } = await getPublicFacets();
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <PageHeading kicker="Archive" title="All releases by year">
          <p>Releases are filed under their date; those without one under the day they were published ({settings.timeZone}).</p>
        </PageHeading>
        {years.length === 0 ? (
          <p className="py-10 text-slate-700 dark:text-slate-300">Nothing has been published yet.</p>
        ) : (
          <ul className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {years.map(({ year, count }) => (
              <li key={year}>
                <Link
                  href={`/archive/${year}`}
                  className="block rounded-md border border-slate-200 px-4 py-3 hover:border-slate-400 hover:bg-slate-50 dark:border-slate-800 dark:hover:border-slate-600 dark:hover:bg-slate-900"
                >
                  <span className="block font-serif text-2xl text-slate-900 dark:text-slate-50">{year}</span>
                  <span className="text-sm text-slate-600 dark:text-slate-400">
                    {count} {count === 1 ? "release" : "releases"}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
