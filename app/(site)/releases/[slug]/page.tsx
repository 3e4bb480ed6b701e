import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { ReleaseDocument } from "@/components/site/release-document";
import { findMovedSlug, getPublicationBySlug, listLiveTranslations } from "@/db/public/publications";
import { publicationView } from "@/db/public/release-view";
import { getPublicSettings } from "@/db/public/settings";
import { getTopicNames } from "@/db/public/topics";

// Rendered on first request and served from the cache; publishing transitions expire it at once. The
// 60 s revalidation only bounds how long a shared cache in front of the app may keep a copy.
export const dynamicParams = true;
export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

async function livePublication(slug: string) {
  const release = await getPublicationBySlug(slug);
  return release && !release.retractedAt ? release : null;
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const release = await livePublication((await params).slug);
  if (!release) return {};
  return { title: release.headline, description: release.summary, alternates: { canonical: `/releases/${release.slug}` } };
}

export default async function ReleasePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [release, settings, topicNames, translations] = await Promise.all([
    livePublication(slug),
    getPublicSettings(),
    getTopicNames(),
    listLiveTranslations(slug),
  ]);
  if (!release) {
    const moved = await findMovedSlug(slug);
    if (moved) permanentRedirect(`/releases/${moved}`);
    notFound();
  }
  return (
    <main id="main">
      <ReleaseDocument
        release={{
          ...publicationView(release, settings, topicNames),
          translations: translations.map((translation) => ({ ...translation, href: `/releases/${translation.slug}` })),
        }}
        settings={settings}
      />
    </main>
  );
}
