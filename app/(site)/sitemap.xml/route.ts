import { connection } from "next/server";
import { listSitemapReleases, listSitemapTopics } from "@/db/public/sitemap";
import { env } from "@/env";
import { buildSitemap, type SitemapEntry } from "@/lib/seo/sitemap-xml";

/** Lists that change with every publication; each release and topic page is listed after them. */
const INDEX_PAGES = ["/", "/archive", "/topics"];

export async function GET() {
  await connection();
  const [releases, topics] = await Promise.all([listSitemapReleases(), listSitemapTopics()]);
  const newest = releases.reduce<string | null>((latest, release) => (latest && latest > release.updatedAt ? latest : release.updatedAt), null);
  const entries: SitemapEntry[] = [
    ...INDEX_PAGES.map((path) => ({ url: `${env.siteUrl}${path}`, lastModified: newest })),
    { url: `${env.siteUrl}/about` },
    ...releases.map((release) => ({ url: `${env.siteUrl}/releases/${release.slug}`, lastModified: release.updatedAt })),
    ...topics.map((topic) => ({ url: `${env.siteUrl}/topics/${topic.slug}`, lastModified: topic.lastModified })),
  ];
  return new Response(buildSitemap(entries), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
