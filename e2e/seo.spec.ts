import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DEFAULT_SETTINGS } from "../db/seed/defaults";
import { baseURL } from "../playwright.config";
import { approveAndPublish, press, test, uniqueHeadline, writeRelease } from "./support";

/** e2e-prepare bootstraps the default settings; no other spec changes them. */
const ORGANISATION = DEFAULT_SETTINGS.organisationName;
const BODY_SENTENCE = "The Office announced today a new programme of public briefings.";

const meta = (page: Page, selector: string) => page.locator(`head ${selector}`).getAttribute("content");

async function sitemapLocations(request: APIRequestContext, path: string): Promise<string[]> {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/xml");
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ isArray: (name) => name === "url" }).parse(xml);
  return (parsed.urlset.url ?? []).map((url: { loc: string }) => url.loc);
}

test("a published release carries its metadata, share image and structured data, is in the sitemaps, and answers 410 once retracted", async ({ signedIn, browser, request }) => {
  const headline = uniqueHeadline("Office opens its briefing room");
  const page = await signedIn("writer");
  const id = await writeRelease(page, headline);
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");
  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const address = `${baseURL}/releases/${slug}`;

  expect(await sitemapLocations(request, "/sitemap.xml")).not.toContain(address);
  await approveAndPublish(browser, id);

  const reader = await browser.newContext();
  const publicPage = await reader.newPage();
  const response = await publicPage.goto(`/releases/${slug}`);
  expect(response?.status()).toBe(200);
  await expect(publicPage).toHaveTitle(new RegExp(`^${headline} · `));
  const description = await meta(publicPage, 'meta[name="description"]');
  expect(description).toBe(BODY_SENTENCE);
  await expect(publicPage.locator('head link[rel="canonical"]')).toHaveAttribute("href", address);
  expect(await meta(publicPage, 'meta[property="og:type"]')).toBe("article");
  expect(await meta(publicPage, 'meta[property="og:title"]')).toBe(headline);
  expect(await meta(publicPage, 'meta[property="og:url"]')).toBe(address);
  expect(await meta(publicPage, 'meta[property="og:site_name"]')).toBe(ORGANISATION);
  expect(await meta(publicPage, 'meta[property="og:locale"]')).toBe("en");
  expect(Date.parse((await meta(publicPage, 'meta[property="article:published_time"]'))!)).not.toBeNaN();
  expect(Date.parse((await meta(publicPage, 'meta[property="article:modified_time"]'))!)).not.toBeNaN();
  expect(await meta(publicPage, 'meta[name="twitter:card"]')).toBe("summary_large_image");
  await expect(publicPage.locator('head meta[name="robots"]')).toHaveCount(0);

  const ogImage = (await meta(publicPage, 'meta[property="og:image"]'))!;
  expect(ogImage.startsWith(`${address}/share-image.png`)).toBe(true);
  expect(await meta(publicPage, 'meta[name="twitter:image"]')).toBe(ogImage);
  const image = await request.get(ogImage);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect((await image.body()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  const scripts = publicPage.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  const structured = JSON.parse((await scripts.textContent())!);
  expect(structured).toMatchObject({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline,
    description: BODY_SENTENCE,
    inLanguage: "en",
    mainEntityOfPage: { "@id": address },
    image: [ogImage],
    publisher: { "@type": "Organization", name: ORGANISATION, url: baseURL },
  });
  expect(Date.parse(structured.datePublished)).not.toBeNaN();
  expect(Date.parse(structured.dateModified)).not.toBeNaN();

  expect(await sitemapLocations(request, "/sitemap.xml")).toContain(address);
  expect(await sitemapLocations(request, "/news-sitemap.xml")).toContain(address);
  const robots = await (await request.get("/robots.txt")).text();
  for (const path of ["/desk", "/api", "/share", "/login"]) expect(robots).toContain(`Disallow: ${path}`);
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(robots).toContain(`Sitemap: ${baseURL}/news-sitemap.xml`);

  const reason = "Issued in error: the briefing room opens next year.";
  const editor = await signedIn("editor");
  await editor.goto(`/desk/releases/${id}`);
  await editor.getByLabel("Comment or reason").fill(reason);
  await press(editor, "Retract");
  await expect(editor.getByTestId("release-status")).toHaveText("Retracted");
  await editor.context().close();

  const gone = await publicPage.goto(`/releases/${slug}`);
  expect(gone?.status()).toBe(410);
  await expect(publicPage.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(publicPage.getByTestId("retraction-reason")).toHaveText(reason);
  await expect(publicPage.locator("main")).toContainText("retracted this release on");
  await expect(publicPage.locator("body")).not.toContainText("announced today");
  await expect(publicPage.locator("body")).not.toContainText("Key points");
  expect(await meta(publicPage, 'meta[name="robots"]')).toContain("noindex");
  await expect(publicPage.locator('script[type="application/ld+json"]')).toHaveCount(0);
  await expect(publicPage.locator('head meta[property="og:image"]')).toHaveCount(0);
  // A second request is served from the page cache and must still say 410.
  expect((await request.get(`/releases/${slug}`)).status()).toBe(410);
  await reader.close();

  expect((await request.get(ogImage)).status()).toBe(404);
  expect(await sitemapLocations(request, "/sitemap.xml")).not.toContain(address);
  expect(await sitemapLocations(request, "/news-sitemap.xml")).not.toContain(address);
});

test("unknown releases have no page and no share image", async ({ request }) => {
  expect((await request.get("/releases/no-such-release-anywhere")).status()).toBe(404);
  expect((await request.get("/releases/no-such-release-anywhere/share-image.png")).status()).toBe(404);
});
