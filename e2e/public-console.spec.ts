import { expect, type Page } from "@playwright/test";
import { archiveAddresses, PUBLIC_CSP, publishStatement, type PublishedRelease } from "./public-pages";
import { test } from "./support";

// Public pages go out without JavaScript (scripts/public-html.mjs): no script runs, so none can be
// blocked by the CSP, and nothing may reach the console. Feeds, sitemaps and images are not pages and
// are not loaded here.

test.describe.configure({ mode: "serial" });

let live: PublishedRelease;
let retracted: PublishedRelease;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  live = await publishStatement(browser, "Coastal programme statement");
  retracted = await publishStatement(browser, "Withdrawn coastal statement", { retract: "Issued in error." });
});

type Problems = { console: string[]; violations: string[]; scripts: string[]; expectedErrorStatus: { url: string; status: number } | null };

/** Collects console errors and warnings, uncaught errors, CSP violations and script downloads. */
async function watch(page: Page): Promise<Problems> {
  const problems: Problems = { console: [], violations: [], scripts: [], expectedErrorStatus: null };
  page.on("console", (message) => {
    if (message.type() !== "error" && message.type() !== "warning") return;
    // Chromium logs the status of a page that answers 404 or 410 itself; that one is what was asked for.
    const expected = problems.expectedErrorStatus;
    const own = `Failed to load resource: the server responded with a status of ${expected?.status} `;
    if (expected && message.location().url === expected.url && message.text().startsWith(own)) return;
    problems.console.push(`${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.console.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    if (request.resourceType() === "script") problems.scripts.push(request.url());
  });
  // Injected by the browser's debugger, not by the page, so the page's CSP does not stop it.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`));
  });
  return problems;
}

/** What a public page's HTML must not contain. */
function scriptProblems(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/^<script type="application\/ld\+json">$/.test(tag)) found.push(tag);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) if (/modulepreload|as="script"/i.test(tag)) found.push(tag);
  if (html.includes('<template id="B:')) found.push("a Suspense placeholder <template id=\"B:…\">");
  if (html.includes("__next_f")) found.push("the RSC payload");
  return found;
}

test("every public page loads without a console message, a CSP violation, a script or a script preload, under the exact public CSP", async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watch(page);
  const { year, month } = await archiveAddresses(page);
  const pages: { path: string; status: number; text?: string }[] = [
    { path: "/", status: 200, text: live.headline },
    { path: "/?type=statement", status: 200, text: live.headline },
    { path: "/?topic=public-health&language=en", status: 200, text: live.headline },
    { path: "/archive", status: 200 },
    { path: year, status: 200, text: live.headline },
    { path: month, status: 200, text: live.headline },
    { path: "/topics", status: 200, text: "Public health" },
    { path: "/topics/public-health", status: 200, text: live.headline },
    { path: `/search?q=${live.marker}`, status: 200, text: live.headline },
    { path: "/search?q=qqxxzznothing", status: 200, text: "No releases match" },
    { path: "/about", status: 200 },
    { path: `/releases/${live.slug}`, status: 200, text: live.paragraphs[9] },
    { path: `/releases/${retracted.slug}`, status: 410, text: "retracted this release on" },
    // Rendered on the server in the site's frame: Next's own notFound() page is empty without its script.
    { path: "/releases/no-such-release-here", status: 404, text: "This page does not exist" },
    { path: "/releases/no-such-release-either", status: 404, text: "This page does not exist" },
    { path: "/topics/no-such-topic", status: 404, text: "This page does not exist" },
    { path: "/archive/1901", status: 404, text: "This page does not exist" },
    { path: "/no-such-page", status: 404, text: "This page does not exist" },
  ];
  for (const { path, status, text } of pages) {
    problems.expectedErrorStatus = status >= 400 ? { url: new URL(path, page.url()).href, status } : null;
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    const headers = response!.headers();
    expect(headers["content-security-policy"], path).toBe(PUBLIC_CSP);
    expect(headers["content-type"], path).toMatch(/^text\/html/);
    expect(headers["content-encoding"], `${path} is compressed for a browser`).toBe("br");
    expect(headers["vary"], path).toMatch(/Accept-Encoding/i);
    expect(scriptProblems(await response!.text()), path).toEqual([]);
    if (text) await expect(page.locator("body"), path).toContainText(text);
    // Links are plain links: a click loads the next page from the server.
    expect(await page.evaluate(() => [...document.scripts].map((script) => script.type)), path).toEqual(path.startsWith("/releases/" + live.slug) ? ["application/ld+json"] : []);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), path).toEqual([]);
  }
  // The second visit of a page comes from the server's copy: the same filtered, compressed page.
  const again = await page.goto(`/releases/${live.slug}`);
  expect(scriptProblems(await again!.text())).toEqual([]);
  expect(again!.headers()["content-encoding"]).toBe("br");

  expect(problems.console).toEqual([]);
  expect(problems.scripts).toEqual([]);
});

test("the release page carries its JSON-LD untouched and the article once", async ({ request }) => {
  const response = await request.get(`/releases/${live.slug}`, { headers: { "Accept-Encoding": "gzip" } });
  const html = await response.text();
  const structured = html.match(/<script type="application\/ld\+json">([^<]*)<\/script>/);
  expect(structured).not.toBeNull();
  expect(JSON.parse(structured![1]!)).toMatchObject({ "@type": "NewsArticle", headline: live.headline });
  for (const paragraph of live.paragraphs) expect(html.split(paragraph).length - 1, "each paragraph is sent once").toBe(1);
  expect(Buffer.byteLength(html), "a release of about 1,000 words").toBeLessThanOrEqual(25 * 1024);
});

test("staff pages keep their JavaScript and their nonce CSP", async ({ signedIn }) => {
  const page = await signedIn("writer");
  const problems = await watch(page);
  const response = await page.goto("/desk/releases/new");
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(response!.headers()["content-encoding"]).toBe("br");
  // The editor is a client component: it only appears once React runs.
  await expect(page.getByRole("textbox", { name: "Release text" })).toBeVisible();
  expect(problems.scripts.length).toBeGreaterThan(0);
  expect(problems.console.filter((message) => message.startsWith("error") || message.startsWith("uncaught"))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});
