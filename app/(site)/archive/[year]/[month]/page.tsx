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
import { monthName, monthRange, parseMonth, parseYear, yearRange } from "@/lib/public/date-range";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ year: string; month: string }>; searchParams: Promise<SearchParams> };

async function load(params: Props["params"]) {
  const { year: yearText, month: monthText } = await params;
  const year = parseYear(yearText);
  const month = parseMonth(monthText);
  if (year === null || month === null) return null;
  const counts = await getMonthCounts(yearRange(year));
  const count = counts.find((entry) => entry.month === month)?.count ?? 0;
  if (count === 0) return null;
  return { year, month, count, counts, range: monthRange(year, month) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load(params);
  if (!loaded) return MISSING_PAGE_METADATA;
  const path = `/archive/${loaded.year}/${String(loaded.month).padStart(2, "0")}`;
  return { title: `Releases of ${monthName(loaded.month)} ${loaded.year}`, alternates: { canonical: path } };
}

export default async function MonthPage({ params, searchParams }: Props) {
  const loaded = await load(params);
  if (!loaded) return <MissingPage />;
  const { year, month, count, counts, range } = loaded;
  const path = `/archive/${year}/${String(month).padStart(2, "0")}`;
  const { cursor } = await searchParams;
  const page = await listReleasePage({ range, cursor: decodeCursor(Array.isArray(cursor) ? cursor[0] : cursor), limit: PAGE_SIZE });
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <Breadcrumbs
          trail={[
            { href: "/archive", label: "Archive" },
            { href: `/archive/${year}`, label: String(year) },
          ]}
        />
        <PageHeading kicker="Archive" title={`${monthName(month)} ${year}`}>
          <p>
            {count} {count === 1 ? "release" : "releases"}.
          </p>
        </PageHeading>
        <MonthIndex year={year} counts={counts} current={month} />
        <ReleaseList page={page} href={(next) => `${path}?cursor=${encodeCursor(next)}`} empty={<p>No releases on this page.</p>} />
      </div>
    </main>
  );
}
