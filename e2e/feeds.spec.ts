import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { FEED_FILES, feedPath, type FeedFormat, type FeedScope } from "../lib/feeds/discovery";
import { E2E_TOPICS } from "./accounts";
import { pageAs, uniqueHeadline } from "./support";
import { hasXmllint, pythonWithFeedparser } from "../tests/support/feed-validators";

const SAVED = /^Saved \d\d:\d\d$/;
const topic = E2E_TOPICS[0];
const FORMATS = Object.keys(FEED_FILES) as FeedFormat[];
/** Every feed the release below appears in: site-wide, its topic, its type and its language. */
const SCOPES: FeedScope[] = [
  { kind: "all" },
  { kind: "topic", slug: topic.slug },
  { kind: "type", slug: "statement" },
  { kind: "language", code: "en" },
];
const FEEDS = SCOPES.flatMap((scope) => FORMATS.map((format) => ({ path: feedPath(scope, format), format })));

// Characters a feed must escape, typed by a person into the headline.
const headline = uniqueHeadline(`R&D <update> "quoted" ]]> feeds`);
// A summary that would become a link if any feed let readers parse it as markup.
const summary = `<a href=javascript:alert(1)>x</a> R&D <b>x</b> "q"`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const page = await pageAs(browser, "writer");
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline").fill(headline);
  await page.getByRole("textbox", { name: "Release text" }).click();
  await page.keyboard.type("The Office publishes its feeds for every topic, type and language.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  const releaseUrl = page.url();
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Statement" });
  await page.getByRole("checkbox", { name: topic.name }).check();
  await page.getByLabel("Summary", { exact: true }).fill(summary);
  await expect(page.getByTestId("save-status")).toHaveText(SAVED, { timeout: 20_000 });
  await page.getByRole("button", { name: "Submit for review", exact: true }).click();
  await expect(page.getByTestId("release-status")).toHaveText("In review");
  await page.context().close();

  const editor = await pageAs(browser, "editor");
  await editor.goto(releaseUrl);
  await editor.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(editor.getByTestId("release-status")).toHaveText("Approved");
  await editor.getByRole("button", { name: "Publish now", exact: true }).click();
  await expect(editor.getByTestId("release-status")).toHaveText("Published");
  await editor.context().close();
});

async function fetchFeed(request: APIRequestContext, path: string, format: FeedFormat) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()["content-type"], path).toBe(`${FEED_FILES[format].mediaType}; charset=utf-8`);
  return { response, body: await response.text() };
}

test("every feed (site-wide, topic, type, language; RSS, Atom, JSON Feed) carries the release and answers 304 to its ETag", async ({ request }) => {
  for (const { path, format } of FEEDS) {
    const { response, body } = await fetchFeed(request, path, format);
    if (format === "json") {
      const feed = JSON.parse(body) as { version: string; feed_url: string; items: { title: string; content_html: string; tags?: string[] }[] };
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      expect(new URL(feed.feed_url).pathname).toBe(path);
      const item = feed.items.find((candidate) => candidate.title === headline);
      expect(item, path).toBeDefined();
      expect(item!.content_html).toContain("The Office publishes its feeds");
      expect(item!.tags).toEqual([topic.name]);
    } else {
      const feed = parseFeed(body);
      expect(feed.meta.type).toBe(format);
      expect(feed.self && new URL(feed.self).pathname).toBe(path);
      const item = feed.items.find((candidate) => candidate.title === headline);
      expect(item, path).toBeDefined();
      expect(item!.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(item!.content).toContain("The Office publishes its feeds");
      expect(item!.categories.map((category) => category.label)).toEqual([topic.name]);
    }

    const etag = response.headers()["etag"];
    // The server compresses feeds itself (brotli or gzip, by Accept-Encoding); a compressed body carries
    // the feed's tag as a weak one, as the bytes differ from the uncompressed feed's.
    const encoded = Boolean(response.headers()["content-encoding"]);
    expect(etag, path).toMatch(encoded ? /^W\/"[A-Za-z0-9_-]+"$/ : /^"[A-Za-z0-9_-]+"$/);
    expect(response.headers()["last-modified"], path).toMatch(/GMT$/);
    expect(response.headers()["cache-control"], path).toMatch(/^public, .*s-maxage=\d+/);
    const again = await request.get(path, { headers: { "If-None-Match": etag! } });
    expect(again.status(), path).toBe(304);
    expect(again.headers()["etag"]).toBe(etag);
    expect(await again.text()).toBe("");
    const byDate = await request.get(path, { headers: { "If-Modified-Since": response.headers()["last-modified"]! } });
    expect(byDate.status(), path).toBe(304);
  }
});

test("feeds for a topic, type or language that does not exist answer 404", async ({ request }) => {
  for (const path of ["/topics/no-such-topic/feed.xml", "/types/no-such-type/atom.xml", "/languages/xx/feed.json", "/languages/not-a-code/feed.xml"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});

const python = pythonWithFeedparser();
const xmllint = hasXmllint();

test("xmllint --noout and Python feedparser (bozo 0) accept every XML feed as served", async ({ request }, testInfo) => {
  test.skip(!python || !xmllint, "needs xmllint (libxml2-utils) and python3 with feedparser (python3-feedparser); CI installs both");
  for (const { path, format } of FEEDS.filter((feed) => feed.format !== "json")) {
    const { body } = await fetchFeed(request, path, format);
    const file = testInfo.outputPath(path.replace(/^\//, "").replaceAll("/", "_"));
    writeFileSync(file, body);
    const lint = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
    expect({ path, status: lint.status, stderr: lint.stderr }).toEqual({ path, status: 0, stderr: "" });
    const parsed = spawnSync(
      python!,
      [
        "-c",
        // A field feedparser calls HTML must hold no element at all; what a reader sees is its text.
        "import feedparser, html, json, sys\n" +
          "d = feedparser.parse(sys.argv[1])\n" +
          "seen = lambda f: (html.unescape(f.value) if '<' not in f.value else '<markup>') if f.type == 'text/html' else f.value\n" +
          "print(json.dumps([int(d.bozo), str(d.get('bozo_exception', '')), d.version, [[seen(e.title_detail), seen(e.summary_detail) if 'summary_detail' in e else ''] for e in d.entries]]))",
        file,
      ],
      { encoding: "utf8" },
    );
    expect(parsed.status, parsed.stderr).toBe(0);
    const [bozo, problem, version, entries] = JSON.parse(parsed.stdout) as [number, string, string, [string, string][]];
    expect({ path, bozo, problem }).toEqual({ path, bozo: 0, problem: "" });
    expect(version).toBe(format === "rss" ? "rss20" : "atom10");
    expect(entries.flat(), path).not.toContain("<markup>");
    expect(entries, path).toContainEqual([headline, summary]);
  }
});
