import type { Metadata, Viewport } from "next";
import { permanentRedirect } from "next/navigation";
import { MISSING_PAGE_METADATA, MissingPage } from "@/components/site/missing-page";
import { ReleaseDocument } from "@/components/site/release-document";
import { findMovedSlug, getPublicationBySlug, listLiveTranslations, type PublicRelease } from "@/db/public/publications";
import { publicationView } from "@/db/public/release-view";
import { getPublicSettings, type PublicSettings } from "@/db/public/settings";
import { getTopicNames } from "@/db/public/topics";
import { env } from "@/env";
import { feedAlternates } from "@/lib/feeds/discovery";
import { clearGone, markGone } from "@/lib/http/gone";
import { safeAccent } from "@/lib/public/labels";
import { jsonLdScript } from "@/lib/seo/json-ld";
import { releaseJsonLd, releaseMetadata, retractedMetadata, type ReleaseSeoInput } from "@/lib/seo/release-seo";
import { generatedShareImage, leadShareImage } from "@/lib/seo/share-image";
import { Tombstone } from "./tombstone";
import { mediaUrl } from "@/lib/media/files";

// Rendered per request from the database (db/public/publications.ts), and kept by the server's response copies
// (scripts/public-responses.mjs), which change notices expire. Not a Next page cache (ISR): its
// bookkeeping cost about 9 ms of every render, more than the render of the page itself.

type Props = { params: Promise<{ slug: string }> };

function seoInput(
  release: PublicRelease,
  settings: PublicSettings,
  topicNames: Record<string, string>,
  translations: { slug: string; language: string }[],
): ReleaseSeoInput {
  return {
    siteUrl: env.siteUrl,
    organisationName: settings.organisationName,
    logoUrl: settings.logoKey ? `${env.siteUrl}${mediaUrl(settings.logoKey)}` : null,
    timeZone: settings.timeZone,
    release: { ...release, topicNames: release.topics.map((slug) => topicNames[slug] ?? slug) },
    translations,
    image:
      leadShareImage(release.leadImage, env.siteUrl) ??
      generatedShareImage(env.siteUrl, release.slug, release.headline, release.contentHash),
  };
}

/** What the page and its metadata both read (each call is served from the same tagged cache). */
function loadRelease(slug: string) {
  return Promise.all([getPublicationBySlug(slug), getPublicSettings(), getTopicNames(), listLiveTranslations(slug)]);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const [release, settings, topicNames, translations] = await loadRelease(slug);
  if (!release) return MISSING_PAGE_METADATA;
  if (release.retractedAt) return retractedMetadata(release.headline);
  const metadata = releaseMetadata(seoInput(release, settings, topicNames, translations));
  // A page's `alternates` replaces the layout's whole, so the feed links are named again here.
  return { ...metadata, alternates: { ...metadata.alternates, types: feedAlternates({ kind: "all" }, `${settings.organisationName}: press releases`) } };
}

export async function generateViewport(): Promise<Viewport> {
  return { themeColor: safeAccent((await getPublicSettings()).accentColor) };
}

export default async function ReleasePage({ params }: Props) {
  const { slug } = await params;
  const [release, settings, topicNames, translations] = await loadRelease(slug);
  if (!release) {
    const moved = await findMovedSlug(slug);
    if (moved) permanentRedirect(`/releases/${moved}`);
    return <MissingPage />;
  }
  if (release.retractedAt) {
    // The cached tombstone answers 200 inside Next; scripts/server.mjs turns a marked path into 410.
    markGone(`/releases/${slug}`);
    return (
      <Tombstone
        headline={release.headline}
        language={release.language}
        retractedAt={release.retractedAt}
        reason={release.retractionReason}
        settings={settings}
      />
    );
  }
  // A tombstone rendered just before the release went live again may have marked the address since.
  clearGone(`/releases/${slug}`);
  return (
    <main id="main">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(releaseJsonLd(seoInput(release, settings, topicNames, translations))) }} />
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
