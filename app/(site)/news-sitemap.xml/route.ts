import { connection } from "next/server";
import { getPublicSettings } from "@/db/public/settings";
import { listNewsSitemapReleases } from "@/db/public/sitemap";
import { env } from "@/env";
import { buildNewsSitemap } from "@/lib/seo/sitemap-xml";
import { publicationDateText } from "@/lib/time/release-date";

/** Google News sitemap: live releases of the last 48 hours. */
export async function GET() {
  await connection();
  const [settings, releases] = await Promise.all([getPublicSettings(), listNewsSitemapReleases()]);
  const xml = buildNewsSitemap(
    settings.organisationName,
    releases.map((release) => ({
      url: `${env.siteUrl}/releases/${release.slug}`,
      title: release.headline,
      language: release.language,
      // Selected by when it went live (the 48-hour window); dated as the page and the feeds date it.
      publishedAt: publicationDateText(release, settings.timeZone),
    })),
  );
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
