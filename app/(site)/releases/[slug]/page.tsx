import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReleaseDocument } from "@/components/site/release-document";
import { getPublicationBySlug } from "@/db/public/publications";
import { getPublicSettings } from "@/db/public/settings";

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
  const [release, settings] = await Promise.all([livePublication(slug), getPublicSettings()]);
  if (!release) notFound();
  return (
    <main id="main">
      <ReleaseDocument release={release} settings={settings} />
    </main>
  );
}
