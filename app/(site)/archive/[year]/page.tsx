import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { MISSING_PAGE_METADATA, MissingPage } from "@/components/site/missing-page";
import { MonthIndex } from "@/components/site/month-index";
import { PageHeading } from "@/components/site/page-heading";
import { ReleaseList } from "@/components/site/release-list";
import { getMonthCounts } from "@/db/public/facets";
import { listReleasePage, PAGE_SIZE } from "@/db/public/listing";
import { decodeCursor, encodeCursor } from "@/lib/public/cursor";
import type { SearchParams } from "@/lib/public/filters";
import { parseYear, yearRange } from "@/lib/public/date-range";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ year: string }>; searchParams: Promise<SearchParams> };

/** The year and its month counts, or null for a year that is not a year or has no releases. */
async function load(params: Props["params"]) {
  const year = parseYear((await params).year);
  if (year === null) return null;
  const range = yearRange(year);
  const counts = await getMonthCounts(range);
  return counts.length > 0 ? { year, range, counts } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params);
  return loaded ? { title: `Releases of ${loaded.year}`, alternates: { canonical: `/archive/${loaded.year}` } } : MISSING_PAGE_METADATA;
}

export default async function YearPage({ params, searchParams }: Props) {
  const loaded = await load(params);
  if (!loaded) return <MissingPage />;
  const { year, range, counts } = loaded;
  const { cursor } = await searchParams;
  const page = await listReleasePage({ range, cursor: decodeCursor(Array.isArray(cursor) ? cursor[0] : cursor), limit: PAGE_SIZE });
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <Breadcrumbs trail={[{ href: "/archive", label: "Archive" }]} />
        <PageHeading kicker="Archive" title={`Releases of ${year}`}>
          <p>
            {total} {total === 1 ? "release" : "releases"}.
          </p>
        </PageHeading>
        <MonthIndex year={year} counts={counts} />
        <h2 className="mt-10 text-sm font-semibold uppercase tracking-[0.14em] text-slate-600 dark:text-slate-400">All releases of {year}</h2>
        <ReleaseList
          page={page}
          headingLevel={3}
          href={(next) => `/archive/${year}?cursor=${encodeCursor(next)}`}
          empty={<p>No releases on this page.</p>}
        />
      </div>
    </main>
  );
}
