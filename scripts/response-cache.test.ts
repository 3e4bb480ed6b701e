import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearPublicResponses } from "@/lib/http/public-responses";
// @ts-expect-error -- a plain .mjs module of the production server, without type declarations
import { answerFromCache, cacheKeyOf, keepWhenShareable, remember } from "./response-cache.mjs";

type Reply = { status?: number; headers?: Record<string, string>; body?: string; delayMs?: number; useWriteHead?: boolean };

/** A stand-in for Next's handler behind the same wiring as scripts/server.mjs; counts what reaches it. */
let reached = 0;
let replies: Record<string, Reply> = {};
let base = "";
const server = http.createServer(async (req, res) => {
  const key = cacheKeyOf(req);
  if (key && answerFromCache(key, req, res)) return;
  if (key) keepWhenShareable(key, req, res);
  reached += 1;
  const reply = replies[req.url!.split("?")[0]!] ?? { status: 404, body: "missing" };
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  const headers = { "content-type": "text/html; charset=utf-8", ...reply.headers };
  if (reply.useWriteHead) res.writeHead(reply.status ?? 200, headers);
  else {
    res.statusCode = reply.status ?? 200;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  }
  res.write(reply.body?.slice(0, 3) ?? "");
  res.end(reply.body?.slice(3) ?? "");
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clearPublicResponses();
  reached = 0;
  replies = {};
});

const SHARED = { "cache-control": "s-maxage=60, stale-while-revalidate=300" };

describe("the production server's copy of shareable public responses", () => {
  it("serves a shareable page from its copy, with the same status, headers and body, until a public change empties it", async () => {
    replies["/releases/a"] = { body: "<p>Release A</p>", headers: { ...SHARED, "x-nextjs-cache": "HIT" }, useWriteHead: true };
    const first = await fetch(`${base}/releases/a`);
    const second = await fetch(`${base}/releases/a`);
    expect(reached).toBe(1);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("cache-control")).toBe(SHARED["cache-control"]);
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
    replies["/cookie"] = { body: "c", headers: { ...SHARED, "set-cookie": "a=b" } };
    replies["/desk"] = { body: "desk", headers: SHARED };
    replies["/page"] = { body: "html", headers: SHARED };
    for (const path of ["/private", "/plain", "/cookie", "/desk"]) {
      await fetch(base + path);
      await fetch(base + path);
    }
    expect(reached).toBe(8);
    await fetch(`${base}/page`, { headers: { RSC: "1" } });
    await fetch(`${base}/page`, { headers: { RSC: "1" } });
    expect(reached).toBe(10);
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

  it("drops the oldest copies when too many are kept or they take too many bytes", () => {
    const registry = { entries: new Map(), generation: 0, bytes: 0 };
    const entry = (size: number) => ({ status: 200, headers: {}, body: Buffer.alloc(size), expires: Date.now() + 1000 });
    remember(registry, "a", entry(40), { entries: 3, bytes: 100 });
    remember(registry, "b", entry(40), { entries: 3, bytes: 100 });
    remember(registry, "c", entry(40), { entries: 3, bytes: 100 });
    expect([...registry.entries.keys()]).toEqual(["b", "c"]);
    expect(registry.bytes).toBe(80);
    remember(registry, "b", entry(10), { entries: 3, bytes: 100 });
    remember(registry, "d", entry(10), { entries: 3, bytes: 100 });
    remember(registry, "e", entry(10), { entries: 3, bytes: 100 });
    expect([...registry.entries.keys()]).toEqual(["b", "d", "e"]);
    expect(registry.bytes).toBe(30);
  });

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
});
