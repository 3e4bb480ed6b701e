import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { MISSING_PAGE_METADATA, MissingPage } from "@/components/site/missing-page";
import { FeedLinks } from "@/components/site/feed-links";
import { PageHeading } from "@/components/site/page-heading";
import { ReleaseList } from "@/components/site/release-list";
import { listReleasePage, PAGE_SIZE } from "@/db/public/listing";
import { getPublicSettings } from "@/db/public/settings";
import { getTopics } from "@/db/public/topics";
import { feedAlternates } from "@/lib/feeds/discovery";
import { decodeCursor, encodeCursor } from "@/lib/public/cursor";
import type { SearchParams } from "@/lib/public/filters";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

async function topicFor(params: Props["params"]) {
  const { slug } = await params;
  return (await getTopics()).find((topic) => topic.slug === slug) ?? null;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [topic, settings, { cursor }] = await Promise.all([topicFor(params), getPublicSettings(), searchParams]);
  if (!topic) return MISSING_PAGE_METADATA;
  return {
    title: topic.name,
    description: topic.description || undefined,
    alternates: {
      canonical: `/topics/${topic.slug}`,
      types: feedAlternates({ kind: "topic", slug: topic.slug }, `${settings.organisationName}: ${topic.name}`),
    },
    robots: cursor ? { index: false, follow: true } : undefined,
  };
}

export default async function TopicPage({ params, searchParams }: Props) {
  const [topic, { cursor }] = await Promise.all([topicFor(params), searchParams]);
  if (!topic) return <MissingPage />;
  const page = await listReleasePage({ topic: topic.slug, cursor: decodeCursor(Array.isArray(cursor) ? cursor[0] : cursor), limit: PAGE_SIZE });
  return (
    <main id="main" className="mx-auto max-w-5xl px-4 py-10">
      <div className="max-w-3xl">
        <Breadcrumbs trail={[{ href: "/topics", label: "Topics" }]} />
        <PageHeading kicker="Topic" title={topic.name}>
          {topic.description && <p>{topic.description}</p>}
          <div className="mt-2">
            <FeedLinks scope={{ kind: "topic", slug: topic.slug }} label={`Follow ${topic.name} by`} />
          </div>
        </PageHeading>
        <ReleaseList
          page={page}
          href={(next) => `/topics/${topic.slug}?cursor=${encodeCursor(next)}`}
          empty={<p>No releases on this topic yet.</p>}
        />
      </div>
    </main>
  );
}
