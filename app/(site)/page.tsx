import type { Metadata } from "next";
import Link from "next/link";
import { FeedLinks } from "@/components/site/feed-links";
import { ListFilterForm } from "@/components/site/list-filters";
import { PageHeading } from "@/components/site/page-heading";
import { ReleaseList } from "@/components/site/release-list";
import { getPublicFacets } from "@/db/public/facets";
import { listReleasePage, PAGE_SIZE } from "@/db/public/listing";
import { getPublicSettings } from "@/db/public/settings";
import { getTopicNames } from "@/db/public/topics";
import { feedAlternates } from "@/lib/feeds/discovery";
import { hasFilters, keepKnown, listHref, parseListParams, type ListFilters, type SearchParams } from "@/lib/public/filters";
import { languageName } from "@/lib/i18n/languages";
import { feedScopeFor } from "@/lib/public/list-scope";
import { yearRange } from "@/lib/public/date-range";

// Rendered per request from cached data; never prerendered at build time, when there is no database.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };

/** The filters from the address, keeping only values that match something published. */
async function resolve(searchParams: Promise<SearchParams>) {
  const settings = await getPublicSettings();
  const [facets, topicNames] = await Promise.all([getPublicFacets(), getTopicNames()]);
  const { filters: requested, cursor } = parseListParams(await searchParams);
  const filters = keepKnown(requested, {
    types: facets.types.map((type) => type.slug),
    topics: facets.topics.map((topic) => topic.slug),
    languages: facets.languages.map((language) => language.code),
    years: facets.years.map((year) => year.year),
  });
  return { settings, facets, topicNames, filters, cursor };
}

function headingFor(filters: ListFilters, names: { type?: string; topic?: string }): string {
  const parts = [
    filters.type ? (names.type ?? filters.type) : null,
    filters.topic ? `on ${names.topic ?? filters.topic}` : null,
    filters.language ? `in ${languageName(filters.language)}` : null,
    filters.year !== undefined ? `from ${filters.year}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Releases: ${parts.join(", ")}` : "Latest releases";
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { settings, facets, topicNames, filters, cursor } = await resolve(searchParams);
  const typeName = facets.types.find((type) => type.slug === filters.type)?.name;
  const scope = feedScopeFor(filters);
  const feedTitle =
    scope.kind === "type"
      ? `${settings.organisationName}: ${typeName ?? scope.slug}`
      : scope.kind === "language"
        ? `${settings.organisationName}: releases in ${languageName(scope.code)}`
        : scope.kind === "topic"
          ? `${settings.organisationName}: ${topicNames[scope.slug] ?? scope.slug}`
          : `${settings.organisationName}: press releases`;
  return {
    title: hasFilters(filters) ? headingFor(filters, { type: typeName, topic: filters.topic && topicNames[filters.topic] }) : { absolute: `Newsroom · ${settings.organisationName}` },
    alternates: { canonical: listHref("/", filters), types: feedAlternates(scope, feedTitle) },
    // Deeper pages and filter combinations are for readers; the first page and the feeds are for search engines.
    robots: cursor ? { index: false, follow: true } : undefined,
  };
}

export default async function HomePage({ searchParams }: Props) {
  const { facets, topicNames, filters, cursor } = await resolve(searchParams);
  const page = await listReleasePage({
    type: filters.type,
    topic: filters.topic,
    language: filters.language,
    range: filters.year === undefined ? undefined : yearRange(filters.year),
    cursor,
    limit: PAGE_SIZE,
  });
  const typeName = facets.types.find((type) => type.slug === filters.type)?.name;
  const filtered = hasFilters(filters);
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <PageHeading kicker="Newsroom" title={headingFor(filters, { type: typeName, topic: filters.topic && topicNames[filters.topic] })}>
          <FeedLinks scope={feedScopeFor(filters)} />
        </PageHeading>
        <ListFilterForm action="/" facets={facets} filters={filters} topicNames={topicNames} />
        <ReleaseList
          page={page}
          href={(next) => listHref("/", filters, next)}
          empty={
            filtered || cursor ? (
              <p>
                No releases match. <Link href="/" className="underline">Show all releases</Link>.
              </p>
            ) : (
              <p>Nothing has been published yet.</p>
            )
          }
        />
      </div>
    </main>
  );
}
