import { escapeXml } from "@/lib/feeds/xml";
import { newsSitemapLanguage } from "./locale";

/** One address in sitemap.xml; `lastModified` is an ISO instant. */
export type SitemapEntry = { url: string; lastModified?: string | null };

/** One release in the news sitemap; `publishedAt` is the publication date as written (W3C date-time, with offset). */
export type NewsSitemapEntry = { url: string; title: string; language: string; publishedAt: string };

/** The sitemaps protocol allows 50,000 addresses in one file; Google News reads at most 1,000. */
export const SITEMAP_MAX_URLS = 50_000;
export const NEWS_SITEMAP_MAX_URLS = 1_000;

/** Google News lists articles published in the last two days only. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

/** sitemap.xml (sitemaps.org 0.9), at most SITEMAP_MAX_URLS addresses, every value escaped. */
export function buildSitemap(entries: readonly SitemapEntry[]): string {
  const urls = entries.slice(0, SITEMAP_MAX_URLS).map((entry) => {
    const lastmod = entry.lastModified ? `<lastmod>${escapeXml(entry.lastModified)}</lastmod>` : "";
    return `<url><loc>${escapeXml(entry.url)}</loc>${lastmod}</url>`;
  });
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}">`, ...urls, "</urlset>", ""].join("\n");
}

/** Entries published within the news window before `now` (a release published "later" is live, so it stays). */
export function withinNewsWindow<T extends { publishedAt: string }>(entries: readonly T[], now: Date): T[] {
  const since = now.getTime() - NEWS_WINDOW_MS;
  return entries.filter((entry) => new Date(entry.publishedAt).getTime() > since);
}

/** A Google News sitemap: publication name and language, publication date and title of each release. */
export function buildNewsSitemap(publicationName: string, entries: readonly NewsSitemapEntry[]): string {
  const name = escapeXml(publicationName);
  const urls = entries.slice(0, NEWS_SITEMAP_MAX_URLS).map((entry) =>
    [
      "<url>",
      `<loc>${escapeXml(entry.url)}</loc>`,
      "<news:news>",
      `<news:publication><news:name>${name}</news:name><news:language>${escapeXml(newsSitemapLanguage(entry.language))}</news:language></news:publication>`,
      `<news:publication_date>${escapeXml(entry.publishedAt)}</news:publication_date>`,
      `<news:title>${escapeXml(entry.title)}</news:title>`,
      "</news:news>",
      "</url>",
    ].join(""),
  );
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`, ...urls, "</urlset>", ""].join("\n");
}
