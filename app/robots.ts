import type { MetadataRoute } from "next";
import { env } from "@/env";

// Read at request time: the site's address is configured where it runs, not where it was built.
export const dynamic = "force-dynamic";

/** Crawlers may read the public newsroom; staff pages, the API and embargo share links are not for them. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/desk", "/api", "/share", "/login"] },
    sitemap: [`${env.siteUrl}/sitemap.xml`, `${env.siteUrl}/news-sitemap.xml`],
  };
}
