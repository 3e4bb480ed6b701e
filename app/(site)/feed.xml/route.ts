import { connection } from "next/server";
import { listLatestPublications } from "@/db/public/publications";
import { getPublicSettings } from "@/db/public/settings";
import { env } from "@/env";
import { buildRss } from "@/lib/feeds/rss";

export async function GET() {
  await connection();
  const [settings, releases] = await Promise.all([getPublicSettings(), listLatestPublications(50)]);
  const xml = buildRss({
    title: `${settings.organisationName}: press releases`,
    link: env.siteUrl,
    description: `Press releases, statements and media advisories from ${settings.organisationName}.`,
    selfUrl: `${env.siteUrl}/feed.xml`,
    language: settings.defaultLanguage,
    items: releases.map((release) => ({
      title: release.headline,
      link: `${env.siteUrl}/releases/${release.slug}`,
      guid: `${env.siteUrl}/releases/${release.slug}`,
      pubDate: new Date(release.publishedAt),
      summary: release.summary,
      contentHtml: release.html,
      categories: release.topics,
    })),
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
