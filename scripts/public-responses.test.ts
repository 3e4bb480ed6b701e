import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { clearGone, markGone } from "@/lib/http/gone";
import { clearPublicResponses } from "@/lib/http/public-responses";
import { closeBreaker, openBreaker } from "./circuit-breaker.mjs";
import {
  answerFromCopies,
  answerUnknownRelease,
  cacheKeyOf,
  expirePublicResponses,
  isGone,
  markNotFound,
  publicResponses,
  RENDER_ID_HEADER,
  remember,
  setReleaseLookup,
  watchResponse,
} from "./public-responses.mjs";

type Reply = {
  status?: number;
  /** The page found nothing at its address: it marks its render, as components/site/missing-page.tsx does. */
  missing?: boolean;
  headers?: Record<string, string | string[]>;
  body?: string;
  delayMs?: number;
  /** How the stand-in sends its head: setHeader (Next's usual way), writeHead's object, or its flat array. */
  head?: "setHeader" | "object" | "array";
  /** How it sends its body: two strings, or bytes as Next's streams do. */
  bytes?: boolean;
};

/** A stand-in for Next's handler behind the same wiring as scripts/server.mjs; counts what reaches it. */
let reached = 0;
let replies: Record<string, Reply> = {};
let base = "";
const server = http.createServer(async (req, res) => {
  // As scripts/server.mjs does, without its render slots.
  if (answerFromCopies(req, res, "http") || (await answerUnknownRelease(req, res, "http"))) return;
  watchResponse(req, res, cacheKeyOf(req, "http"));
  reached += 1;
  const reply = replies[req.url!.split("?")[0]!.replace(/(.)\/$/, "$1")] ?? { status: 404, body: "missing" };
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (reply.missing) markNotFound(String(req.headers[RENDER_ID_HEADER]));
  const headers = { "content-type": "text/html; charset=utf-8", ...reply.headers };
  if (reply.head === "object") res.writeHead(reply.status ?? 200, headers);
  else if (reply.head === "array") res.writeHead(reply.status ?? 200, Object.entries(headers).flatMap(([name, value]) => [value].flat().flatMap((one) => [name, one])));
  else {
    res.statusCode = reply.status ?? 200;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  }
  const body = reply.body ?? "";
  if (reply.bytes) {
    const encoded = new TextEncoder().encode(body);
    res.write(encoded.subarray(0, 3));
    res.end(encoded.subarray(3));
  } else {
    res.write(body.slice(0, 3));
    res.end(body.slice(3));
  }
});

const get = (path: string, init?: RequestInit) => fetch(base + path, { redirect: "manual", ...init });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  closeBreaker();
  clearPublicResponses();
  publicResponses().withdrawn.clear();
  clearGone("/releases/gone");
  reached = 0;
  replies = {};
});

const SHARED = { "cache-control": "s-maxage=60, stale-while-revalidate=300" };

describe("the production server's copy of shareable public responses", () => {
  it("serves a shareable page from its copy, with the same status, headers and body, until a public change empties it", async () => {
    replies["/releases/a"] = { body: "<p>Release A</p>", headers: { ...SHARED, "x-nextjs-cache": "HIT" }, head: "object" };
    const first = await fetch(`${base}/releases/a`);
    const second = await fetch(`${base}/releases/a`);
    expect(reached).toBe(1);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");

    clearPublicResponses();
    replies["/releases/a"] = { body: "<p>Release A, corrected</p>", headers: SHARED };
    expect(await (await fetch(`${base}/releases/a`)).text()).toBe("<p>Release A, corrected</p>");
    expect(reached).toBe(2);
  });

  it("keeps 410 and 404 answers that say they are shareable, and answers a matching If-None-Match with 304", async () => {
    replies["/releases/gone"] = { status: 410, body: "Retracted", headers: SHARED };
    replies["/feed.xml"] = { body: "<rss/>", headers: { ...SHARED, etag: '"abc"', "last-modified": "Tue, 03 Mar 2026 10:00:00 GMT" } };
    await fetch(`${base}/releases/gone`);
    expect((await fetch(`${base}/releases/gone`)).status).toBe(410);
    await fetch(`${base}/feed.xml`);
    const conditional = await fetch(`${base}/feed.xml`, { headers: { "If-None-Match": 'W/"abc"' } });
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get("etag")).toBe('"abc"');
    expect((await fetch(`${base}/feed.xml`, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);
    expect((await fetch(`${base}/feed.xml`, { headers: { "If-Modified-Since": "Tue, 03 Mar 2026 10:00:00 GMT" } })).status).toBe(304);
    expect((await fetch(`${base}/feed.xml`, { headers: { "If-Modified-Since": "Mon, 02 Mar 2026 10:00:00 GMT" } })).status).toBe(200);
    expect(reached).toBe(2);
  });

  it("never keeps private, uncacheable or cookie-setting responses, staff paths, or React Server Component requests", async () => {
    replies["/private"] = { body: "mine", headers: { "cache-control": "private, no-cache, no-store, max-age=0" } };
    replies["/plain"] = { body: "no lifetime" };
    replies["/browser-only"] = { body: "max-age without public", headers: { "cache-control": "max-age=60" } };
    replies["/cookie"] = { body: "c", headers: { ...SHARED, "set-cookie": "a=b" } };
    replies["/desk"] = { body: "desk", headers: SHARED };
    replies["/page"] = { body: "html", headers: SHARED };
    for (const path of ["/private", "/plain", "/cookie", "/desk", "/browser-only"]) {
      await fetch(base + path);
      await fetch(base + path);
    }
    expect(reached).toBe(10);
    await fetch(`${base}/page`, { headers: { RSC: "1" } });
    await fetch(`${base}/page`, { headers: { RSC: "1" } });
    expect(reached).toBe(12);
    replies["/sitemap.xml"] = { body: "<urlset/>", headers: { "cache-control": "public, max-age=60" } };
    await fetch(`${base}/sitemap.xml`);
    await fetch(`${base}/sitemap.xml`);
    expect(reached, "public with max-age is kept").toBe(13);
  });

  it("does not keep a response rendered across a public change", async () => {
    replies["/slow"] = { body: "before the change", headers: SHARED, delayMs: 150 };
    const pending = fetch(`${base}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearPublicResponses();
    expect(await (await pending).text()).toBe("before the change");
    replies["/slow"] = { body: "after the change", headers: SHARED };
    expect(await (await fetch(`${base}/slow`)).text()).toBe("after the change");
    expect(reached).toBe(2);
  });

  it("keeps public list pages Next marks private (they read only published data) for a short while, but no other private page", async () => {
    const dynamic = { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" };
    for (const path of ["/", "/archive/2026", "/topics/health", "/search", "/about", "/elsewhere"]) replies[path] = { body: `page ${path}`, headers: dynamic };
    for (const path of ["/", "/?type=statement", "/archive/2026", "/topics/health", "/search?q=water", "/about", "/elsewhere"]) {
      await fetch(base + path);
      await fetch(base + path);
    }
    expect(reached).toBe(8); // seven addresses once each, and /elsewhere twice
    clearPublicResponses();
    await fetch(`${base}/`);
    expect(reached).toBe(9);
  });

  it("keeps a release page Next renders per request, once per address whatever its query string, and says a shared cache may keep it", async () => {
    const dynamic = { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" };
    replies["/releases/r"] = { body: "<p>R</p>", headers: dynamic };
    const first = await get("/releases/r");
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=60");
    for (const path of ["/releases/r", "/releases/r?utm_source=newsletter&utm_medium=email", "/releases/r?fbclid=x", "/releases/r?anything"]) {
      const copy = await get(path);
      expect(await copy.text(), path).toBe("<p>R</p>");
      expect(copy.headers.get("cache-control"), path).toBe("public, max-age=0, s-maxage=60");
    }
    expect(reached).toBe(1);
    await get("/releases/r/");
    expect(reached, "the trailing slash is another address (Next redirects it)").toBe(2);
    await get("/releases/unknown");
    await get("/releases/unknown?ref=x");
    expect(reached, "an unknown release's 404 is kept too").toBe(3);

    replies["/releases/failing"] = { status: 500, body: "broken", headers: dynamic };
    const failed = await get("/releases/failing");
    expect(failed.status).toBe(500);
    expect(failed.headers.get("cache-control"), "an error is never shareable").toBe(dynamic["cache-control"]);
    replies["/releases/cookie"] = { body: "mine", headers: { ...dynamic, "set-cookie": "a=b" } };
    expect((await get("/releases/cookie")).headers.get("cache-control")).toBe(dynamic["cache-control"]);
    await get("/releases/cookie");
    expect(reached, "the cookie-setting answer is not kept").toBe(6);
    for (const path of ["/releases/r/share-image.png", "/releases/r/print"]) expect(cacheKeyOf({ method: "GET", url: `${path}?v=1`, headers: {} }), path).toContain("?v=1");
  });

  it("answers a release address no publication has with the last 404 rendered for one, after the look-up alone", async () => {
    const dynamic = { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" };
    const asked: string[] = [];
    let known = new Set<string>();
    let failing = false;
    setReleaseLookup(async (slug) => {
      asked.push(slug);
      if (failing) throw new Error("the database is not answering");
      return known.has(slug);
    });
    try {
      replies["/releases/first-unknown"] = { status: 404, body: "<h1>This page does not exist</h1>", headers: dynamic };
      expect((await get("/releases/first-unknown")).status).toBe(404);
      expect(reached, "nothing to answer with before Next rendered one").toBe(1);

      const answer = await get("/releases/never-published?ref=x");
      expect(answer.status).toBe(404);
      expect(await answer.text()).toBe("<h1>This page does not exist</h1>");
      expect(answer.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=60");
      await get("/releases/%C3%A9t%C3%A9");
      expect(asked).toEqual(["never-published", "été"]);
      expect(reached, "unknown addresses answered without rendering").toBe(1);

      known = new Set(["just-published"]);
      replies["/releases/just-published"] = { body: "<p>Live</p>", headers: dynamic };
      expect((await get("/releases/just-published")).status, "a known address is rendered").toBe(200);
      expect(reached).toBe(2);
      failing = true;
      await get("/releases/while-failing");
      expect(reached, "a failing look-up leaves it to Next").toBe(3);
      failing = false;
      await get("/releases/%E0%A4%A");
      expect(reached, "an address that does not decode goes to Next").toBe(4);

      expirePublicResponses({ slugs: [], tags: ["settings"], withdrawn: [] } as never);
      await get("/releases/after-a-change");
      expect(reached, "any change drops the rendered 404 (it shows the layout)").toBe(5);
      await get("/releases/after-a-change-2");
      expect(reached, "and the next rendered one serves again").toBe(5);
    } finally {
      setReleaseLookup(null);
    }
  });

  it("keys public pages without the tracking parameters campaign links add, and with every other parameter", () => {
    const key = (url: string) => cacheKeyOf({ method: "GET", url, headers: {} })!.split("\n")[0];
    expect(key("/?utm_source=newsletter&utm_medium=email&utm_campaign=x")).toBe("/");
    expect(key("/?type=statement&fbclid=abc&gclid=1")).toBe("/?type=statement");
    expect(key("/topics/health?cursor=abc&UTM_Source=x&mc_cid=1&_ga=2")).toBe("/topics/health?cursor=abc");
    expect(key("/search?q=utm_source&utm_term=water")).toBe("/search?q=utm_source");
    expect(key("/feed.xml?utm%5Fsource=x")).toBe("/feed.xml");
    expect(key("/archive/2026?utm=1&source=utm_x")).toBe("/archive/2026?utm=1&source=utm_x");
    expect(key("/?%E0%A4%A=1&utm_source=x")).toBe("/?%E0%A4%A=1");
  });

  it("drops the least recently used copies when too many are kept or they take too many bytes", () => {
    const registry = { entries: new Map(), bytes: 0, misses: { entries: new Map(), bytes: 0 } };
    const limits = { entries: 3, bytes: 100, misses: 2, missBytes: 100 };
    const entry = (size: number) => ({ status: 200, headers: {}, body: Buffer.alloc(size), expires: Date.now() + 1000 });
    remember(registry, "a", entry(40), limits);
    remember(registry, "b", entry(40), limits);
    remember(registry, "c", entry(40), limits);
    expect([...registry.entries.keys()]).toEqual(["b", "c"]);
    expect(registry.bytes).toBe(80);
    remember(registry, "b", entry(10), limits);
    remember(registry, "d", entry(10), limits);
    remember(registry, "e", entry(10), limits);
    expect([...registry.entries.keys()]).toEqual(["b", "d", "e"]);
    expect(registry.bytes).toBe(30);
  });

  it("keeps the pages readers keep reading when a flood of unknown addresses comes in", async () => {
    replies["/releases/hot"] = { body: "<p>Hot</p>", headers: SHARED };
    replies["/feed.xml"] = { body: "<rss/>", headers: SHARED };
    for (let i = 0; i < 1_990; i++) replies[`/releases/warm-${i}`] = { body: `<p>${i}</p>`, headers: SHARED };
    await get("/releases/warm-0");
    await get("/releases/hot");
    await get("/feed.xml");
    for (let from = 1; from < 1_990; from += 100) {
      await Promise.all(Array.from({ length: Math.min(100, 1_990 - from) }, (_, i) => get(`/releases/warm-${from + i}`)));
      // Readers come back to the hot page and the feed while the cache fills with other pages.
      if (from % 500 === 1) {
        await get("/releases/hot");
        await get("/feed.xml");
      }
    }
    // Ten pages more than the budget: the least recently used go, not the hot page read a moment ago.
    for (let i = 0; i < 10; i++) replies[`/releases/more-${i}`] = { body: "more", headers: SHARED };
    await get("/releases/hot");
    for (let i = 0; i < 10; i++) await get(`/releases/more-${i}`);
    const before = reached;
    await get("/releases/hot");
    expect(reached, "the hot page came from its copy").toBe(before);
    await get("/releases/warm-0");
    expect(reached, "the least recently used page was dropped").toBe(before + 1);

    // 3,000 unknown addresses (shareable 404s) go on a budget of their own.
    const shareable404 = { status: 404, body: "No such release", headers: SHARED };
    for (let i = 0; i < 3_000; i++) replies[`/releases/unknown-${i}`] = shareable404;
    for (let from = 0; from < 3_000; from += 100) {
      const statuses = await Promise.all(Array.from({ length: 100 }, async (_, i) => (await get(`/releases/unknown-${from + i}`)).status));
      expect(new Set(statuses)).toEqual(new Set([404]));
    }
    const afterFlood = reached;
    for (const path of ["/releases/hot", "/feed.xml", "/releases/warm-1989", "/releases/more-9"]) expect((await get(path)).status, path).toBe(200);
    expect(reached, "no page was pushed out by the unknown addresses").toBe(afterFlood);
    await get("/releases/unknown-2999");
    expect(reached, "the latest 404s are kept too").toBe(afterFlood);
    await get("/releases/unknown-0");
    expect(reached, "the oldest 404s went").toBe(afterFlood + 1);
  }, 60_000);

  it("keeps one copy per content encoding the client accepts", async () => {
    replies["/page"] = { body: "html", headers: SHARED };
    await fetch(`${base}/page`, { headers: { "Accept-Encoding": "gzip" } });
    await fetch(`${base}/page`, { headers: { "Accept-Encoding": "identity" } });
    await fetch(`${base}/page`, { headers: { "Accept-Encoding": "gzip" } });
    expect(reached).toBe(2);
  });

  it("keys on the scheme the server established, never on a client's X-Forwarded-Proto", () => {
    const request = (headers: Record<string, string>) => ({ method: "GET", url: "/page", headers });
    const plain = cacheKeyOf(request({}), "http");
    expect(cacheKeyOf(request({ "x-forwarded-proto": "https" }), "http")).toBe(plain);
    expect(cacheKeyOf(request({ "x-forwarded-proto": "nonsense-per-request" }), "http")).toBe(plain);
    expect(cacheKeyOf(request({}), "https")).not.toBe(plain);
  });

  it("replays headers sent through writeHead's flat array, and bodies written as bytes, as they went out", async () => {
    replies["/feed.xml"] = { body: "<rss>Zürich</rss>", head: "array", bytes: true, headers: { ...SHARED, "content-type": "application/rss+xml", link: ["<a>; rel=hub", "<b>; rel=self"] } };
    const first = await get("/feed.xml");
    const second = await get("/feed.xml");
    expect(reached).toBe(1);
    expect(await second.text()).toBe("<rss>Zürich</rss>");
    expect(await first.text()).toBe("<rss>Zürich</rss>");
    expect(second.headers.get("content-type")).toBe("application/rss+xml");
    expect(second.headers.get("link")).toBe("<a>; rel=hub, <b>; rel=self");
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength("<rss>Zürich</rss>")));
  });

  it("keeps the build's immutable files through public changes, but no other /_next address and no range", async () => {
    const immutable = { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=31536000, immutable" };
    replies["/_next/static/chunks/a.css"] = { body: "main{display:block}", headers: immutable };
    replies["/_next/image"] = { body: "image", headers: { "cache-control": "public, max-age=60" } };
    await get("/_next/static/chunks/a.css");
    await get("/_next/static/chunks/a.css");
    expect(reached).toBe(1);
    const [copy] = publicResponses().entries.values();
    expect(copy!.expires - Date.now(), "kept for a day, not a minute").toBeGreaterThan(23 * 60 * 60 * 1000);
    expirePublicResponses({ all: true, withdrawn: [{ slug: "gone", at: "2026-12-02T10:00:00.000Z", reason: "" }] });
    expect(await (await get("/_next/static/chunks/a.css")).text()).toBe("main{display:block}");
    expect(reached, "a public change leaves the build's files alone").toBe(1);
    await get("/_next/static/chunks/a.css", { headers: { Range: "bytes=0-3" } });
    expect(reached, "a range goes to Next").toBe(2);
    await get("/_next/image?url=%2Fa.png&w=64&q=75");
    await get("/_next/image?url=%2Fa.png&w=64&q=75");
    expect(reached).toBe(4);
  });

  it("answers HEAD from a copy without a body, and never keeps a HEAD's own answer", async () => {
    replies["/releases/a"] = { body: "<p>A</p>", headers: SHARED };
    await get("/releases/a", { method: "HEAD" });
    await get("/releases/a", { method: "HEAD" });
    expect(reached).toBe(2);
    await get("/releases/a");
    const head = await get("/releases/a", { method: "HEAD" });
    expect(reached).toBe(3);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("content-length")).toBe("8");
  });
});

describe("the statuses Next cannot give", () => {
  it("answers 410 for a release whose page marked its tombstone, from the copy too, until the mark is cleared", async () => {
    replies["/releases/gone"] = { body: "<h1>Retracted</h1>", headers: SHARED };
    expect((await get("/releases/gone")).status).toBe(200);
    clearPublicResponses();
    markGone("/releases/gone");
    for (const path of ["/releases/gone", "/releases/gone", "/releases/gone/", "/releases/gone?ref=feed"]) expect((await get(path)).status, path).toBe(410);
    expect((await get("/releases/gone", { method: "HEAD" })).status).toBe(410);
    expect((await get("/releases/gone", { headers: { RSC: "1" } })).status).toBe(410);
    expect(reached).toBe(4); // the first 200, the first 410, the trailing slash and the RSC request (a query string is the same page)
    replies["/releases/gone"] = { body: "<h1>Retracted</h1>", headers: SHARED, head: "object" };
    clearPublicResponses();
    expect((await get("/releases/gone")).status).toBe(410);

    clearGone("/releases/gone");
    clearPublicResponses();
    expect((await get("/releases/gone")).status).toBe(200);
  });

  it("sends 404 for a render whose page found nothing at its address, and only for that render", async () => {
    replies["/topics/none"] = { body: "<h1>This page does not exist</h1>", missing: true };
    replies["/topics/some"] = { body: "<h1>Some</h1>" };
    replies["/topics/other"] = { body: "<h1>Other</h1>" };
    const missing = await get("/topics/none", { headers: { [RENDER_ID_HEADER]: "render-1" } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<h1>This page does not exist</h1>");
    markNotFound("render-2");
    expect((await get("/topics/some", { headers: { [RENDER_ID_HEADER]: "render-3" } })).status, "another render's mark").toBe(200);
    expect((await get("/topics/other", { headers: { [RENDER_ID_HEADER]: "render-2" } })).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(publicResponses().notFound.size, "marks end with their response").toBe(0);
  });

  it("forgets a tombstone mark when a change notice names the release, or names everything", () => {
    markGone("/releases/gone");
    markGone("/releases/other");
    expirePublicResponses({ slugs: ["unrelated"], withdrawn: [] });
    expect(isGone("/releases/gone")).toBe(true);
    expirePublicResponses({ slugs: ["gone"], withdrawn: [] });
    expect(isGone("/releases/gone")).toBe(false);
    expect(isGone("/releases/other")).toBe(true);
    expirePublicResponses({ all: true, withdrawn: [] });
    expect(isGone("/releases/other")).toBe(false);
  });

  it("sends 410 only for a 200 of a release address read with GET or HEAD", async () => {
    markGone("/releases/gone");
    replies["/releases/gone"] = { status: 404, body: "missing" };
    expect((await get("/releases/gone")).status).toBe(404);
    replies["/releases/gone"] = { body: "ok" };
    expect((await get("/releases/gone", { method: "POST" })).status).toBe(200);
    markGone("/topics/gone");
    replies["/topics/gone"] = { body: "ok" };
    expect((await get("/topics/gone")).status).toBe(200);
    clearGone("/topics/gone");
  });

  it("turns Next's 308 for a moved release into a 301 with one Location, whichever way the head is sent", async () => {
    for (const head of ["setHeader", "object", "array"] as const) {
      clearPublicResponses();
      replies["/releases/old-name"] = { status: 308, head, body: "/releases/new-name", headers: { location: ["/releases/new-name", "/releases/new-name"], ...SHARED } };
      const moved = await get("/releases/old-name");
      expect(moved.status, head).toBe(301);
      expect(moved.headers.get("location"), head).toBe("/releases/new-name");
      expect((await get("/releases/old-name")).status, `${head}, from the copy`).toBe(301);
    }
    replies["/elsewhere"] = { status: 308, body: "", headers: { location: "/there" } };
    expect((await get("/elsewhere")).status).toBe(308);
  });
});

describe("the registry", () => {
  it("is one per process, shared by every copy of the module (Next bundles its own for the app)", async () => {
    vi.resetModules();
    const copy = (await import("./public-responses.mjs")) as typeof import("./public-responses.mjs");
    copy.markGone("/releases/marked-by-the-app");
    expect(isGone("/releases/marked-by-the-app")).toBe(true);
    copy.clearGone("/releases/marked-by-the-app");
    expect(isGone("/releases/marked-by-the-app")).toBe(false);

    replies["/releases/a"] = { body: "A", headers: SHARED };
    await get("/releases/a");
    copy.clearPublicResponses();
    await get("/releases/a");
    expect(reached).toBe(2);
  });
});

describe("a change marks copies stale; the last good copy stands in when a page cannot be rendered", () => {
  const warm = async (...paths: string[]) => {
    for (const path of paths) {
      await get(path);
      await get(path);
    }
  };

  it("renders again only what the change touches: the releases it names and every list, feed and sitemap", async () => {
    for (const path of ["/releases/a", "/releases/b", "/feed.xml", "/", "/sitemap.xml"]) replies[path] = { body: `${path} before`, headers: SHARED };
    replies["/releases/new"] = { status: 404, body: "missing", headers: SHARED };
    await warm("/releases/a", "/releases/b", "/feed.xml", "/", "/sitemap.xml", "/releases/new");
    expect(reached).toBe(6);

    for (const path of ["/releases/a", "/feed.xml", "/", "/sitemap.xml"]) replies[path] = { body: `${path} after`, headers: SHARED };
    replies["/releases/new"] = { body: "now published", headers: SHARED };
    expirePublicResponses({ slugs: ["a", "new"] });
    expect(await (await get("/releases/b")).text(), "another release's page stays").toBe("/releases/b before");
    expect(reached).toBe(6);
    for (const path of ["/releases/a", "/feed.xml", "/", "/sitemap.xml"]) expect(await (await get(path)).text()).toBe(`${path} after`);
    expect(await (await get("/releases/new")).text()).toBe("now published");
    expect(reached).toBe(11);
    await warm("/releases/a", "/");
    expect(reached, "the new renders are kept").toBe(11);

    expirePublicResponses({ all: true });
    await get("/releases/b");
    expect(reached, "everything is rendered again after { all: true }").toBe(12);
  });

  it("answers the last good copy, with Age and Warning, when the page renders a 5xx", async () => {
    replies["/releases/a"] = { body: "<p>Good</p>", headers: { ...SHARED, etag: '"good"' }, head: "object" };
    replies["/feed.xml"] = { body: "<rss/>", headers: SHARED };
    await warm("/releases/a", "/feed.xml");
    expirePublicResponses({ slugs: ["a"] });
    replies["/releases/a"] = { status: 500, body: "Internal Server Error", headers: { "cache-control": "private, no-store", "x-from-the-error": "1" } };
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stale = await get("/releases/a");
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe("<p>Good</p>");
    expect(stale.headers.get("warning")).toBe('110 - "Response is stale"');
    expect(stale.headers.get("x-pressroom-stale")).toBe("render failed");
    expect(Number(stale.headers.get("age"))).toBeGreaterThanOrEqual(1);
    expect(stale.headers.get("etag")).toBe('"good"');
    expect(stale.headers.get("x-from-the-error"), "none of the failed answer's headers").toBeNull();
    expect((await get("/releases/a", { method: "HEAD" })).status).toBe(200);

    // A copy past its lifetime stands in too (a feed in a long outage).
    for (const entry of publicResponses().entries.values()) entry.expires = 0;
    replies["/feed.xml"] = { status: 502, body: "bad gateway" };
    const feed = await get("/feed.xml");
    expect(feed.status).toBe(200);
    expect(await feed.text()).toBe("<rss/>");

    // Without a copy, a 500 that is not the database's stays what it is.
    replies["/releases/never-seen"] = { status: 500, body: "bug" };
    expect((await get("/releases/never-seen")).status).toBe(500);
  });

  it("while the database is down: copies without entering Next, 503 with Retry-After where there is none, never a stale search", async () => {
    replies["/releases/a"] = { body: "<p>A</p>", headers: SHARED };
    replies["/search"] = { body: "results", headers: SHARED };
    await warm("/releases/a", "/search?q=water");
    expirePublicResponses({ slugs: ["a"] });
    openBreaker("test: the database stopped");
    const before = reached;
    const copy = await get("/releases/a");
    expect(copy.status).toBe(200);
    expect(copy.headers.get("x-pressroom-stale")).toBe("database unreachable");
    expect(reached, "Next was not asked").toBe(before);

    replies["/releases/b"] = { status: 500, body: "cannot reach the database" };
    replies["/search"] = { status: 500, body: "cannot reach the database" };
    for (const path of ["/releases/b", "/search?q=water"]) {
      const refused = await get(path);
      expect(refused.status, path).toBe(503);
      expect(refused.headers.get("retry-after"), path).toBe("30");
      expect(refused.headers.get("cache-control"), path).toBe("no-store");
    }
    closeBreaker();
  });

  it("keeps nothing rendered while the database failed", async () => {
    replies["/releases/a"] = { status: 404, body: "not found because a query failed", headers: SHARED, delayMs: 100 };
    const pending = get("/releases/a");
    await new Promise((resolve) => setTimeout(resolve, 30));
    openBreaker("test: a query failed");
    closeBreaker();
    await pending;
    replies["/releases/a"] = { body: "found", headers: SHARED };
    expect(await (await get("/releases/a")).text()).toBe("found");
  });
});

describe("what a notice withdrew is never served stale", () => {
  const withdrawal = { slug: "gone", at: "2026-12-02T10:00:00.000Z", reason: "Issued <b>in error</b>." };

  it("answers 410 from the notice for the withdrawn page, whatever Next still has, and 503 for lists and translations older than the notice", async () => {
    const paths = ["/releases/gone", "/releases/gone-fr", "/releases/other", "/", "/feed.xml"];
    for (const path of paths) replies[path] = { body: `${path} live`, headers: SHARED };
    for (const path of paths) await get(path);
    const heard = reached;
    // The notice names the withdrawn release's live translations too: their pages link to it.
    expirePublicResponses({ slugs: ["gone", "gone-fr"], withdrawn: [withdrawal] });

    // Next's page cache is expired a moment after the notice: its live page must not go out meanwhile.
    const gone = await get("/releases/gone");
    expect(gone.status).toBe(410);
    const text = await gone.text();
    expect(text).toContain("Issued &#60;b&#62;in error&#60;/b&#62;.");
    expect(text).toContain('datetime="2026-12-02T10:00:00.000Z"');
    expect(gone.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(reached).toBe(heard + 1);
    expect((await get("/releases/gone", { headers: { RSC: "1" } })).status).toBe(410);

    // The database goes down: lists and feeds rendered before the notice are not served.
    for (const path of paths) replies[path] = { status: 500, body: "cannot reach the database" };
    for (const path of ["/", "/feed.xml", "/releases/gone-fr"]) {
      const refused = await get(path);
      expect(refused.status, path).toBe(503);
      expect(refused.headers.get("retry-after"), path).toBe("30");
    }
    expect((await get("/releases/gone")).status).toBe(410);
    expect(await (await get("/releases/other")).text(), "another release's page is not a list").toBe("/releases/other live");
    openBreaker("test: the database stopped");
    const withoutNext = reached;
    expect((await get("/releases/gone")).status).toBe(410);
    expect((await get("/releases/gone", { method: "HEAD" })).status).toBe(410);
    expect(reached, "the notice answers without Next").toBe(withoutNext);
    expect((await get("/")).status).toBe(503);
    closeBreaker();

    // A list rendered after the notice may stand in again.
    replies["/"] = { body: "/ without the withdrawn release", headers: SHARED };
    await get("/");
    expirePublicResponses({ slugs: ["something-else"] });
    replies["/"] = { status: 500, body: "cannot reach the database" };
    expect(await (await get("/")).text()).toBe("/ without the withdrawn release");
  });

  it("lets Next's own tombstone through, and forgets the withdrawal when a later change publishes the release again", async () => {
    expirePublicResponses({ slugs: ["gone"], withdrawn: [withdrawal] });
    replies["/releases/gone"] = { body: "<h1>Tombstone from Next</h1>", headers: SHARED };
    markGone("/releases/gone");
    const tombstone = await get("/releases/gone");
    expect(tombstone.status).toBe(410);
    expect(await tombstone.text()).toBe("<h1>Tombstone from Next</h1>");

    clearGone("/releases/gone");
    expirePublicResponses({ slugs: ["gone"] });
    replies["/releases/gone"] = { body: "<p>Published again</p>", headers: SHARED };
    expect((await get("/releases/gone")).status).toBe(200);
  });
});
