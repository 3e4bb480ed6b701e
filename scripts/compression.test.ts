import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isCompressible, negotiateEncoding, shapeResponse, varyWith } from "./compression.mjs";
import { answerOrWatch, clearPublicResponses } from "./public-responses.mjs";

describe("negotiateEncoding", () => {
  it("prefers brotli, then gzip, by weight", () => {
    expect(negotiateEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateEncoding("gzip, deflate")).toBe("gzip");
    expect(negotiateEncoding("br;q=0.5, gzip")).toBe("gzip");
    expect(negotiateEncoding("br;q=1.0, gzip;q=0.9")).toBe("br");
    expect(negotiateEncoding("GZIP")).toBe("gzip");
    expect(negotiateEncoding("x-gzip")).toBe("gzip");
    expect(negotiateEncoding(["deflate", "br"])).toBe("br");
  });

  it("answers identity when nothing acceptable is offered", () => {
    expect(negotiateEncoding(undefined)).toBe("identity");
    expect(negotiateEncoding("")).toBe("identity");
    expect(negotiateEncoding("identity")).toBe("identity");
    expect(negotiateEncoding("deflate, zstd")).toBe("identity");
    expect(negotiateEncoding("br;q=0, gzip;q=0")).toBe("identity");
    expect(negotiateEncoding("gzip;q=0, *")).toBe("br");
    expect(negotiateEncoding("*;q=0")).toBe("identity");
    expect(negotiateEncoding("gzip;q=nonsense")).toBe("identity");
  });

  it("answers a value it has weighed before the same way, however many distinct values clients send", () => {
    const values = ["br;q=0.5, gzip", "gzip;q=0, *", "*;q=0", `${"x-unknown, ".repeat(30)}gzip`];
    const first = values.map((value) => negotiateEncoding(value));
    expect(first).toEqual(["gzip", "br", "identity", "gzip"]);
    for (let i = 0; i < 600; i++) negotiateEncoding(`gzip;q=0.${i % 1000}`);
    expect(values.map((value) => negotiateEncoding(value))).toEqual(first);
    expect(values.map((value) => negotiateEncoding(value))).toEqual(first);
  });
});

describe("isCompressible and varyWith", () => {
  it("compresses text of some size, never what is encoded, ranged or marked no-transform", () => {
    expect(isCompressible(200, { "content-type": "text/html; charset=utf-8" })).toBe(true);
    expect(isCompressible(200, { "content-type": "application/rss+xml" })).toBe(true);
    expect(isCompressible(200, { "content-type": "application/feed+json" })).toBe(true);
    expect(isCompressible(200, { "content-type": "application/javascript; charset=utf-8" })).toBe(true);
    expect(isCompressible(200, { "content-type": "image/svg+xml" })).toBe(true);
    expect(isCompressible(404, { "content-type": "text/html" })).toBe(true);
    expect(isCompressible(200, { "content-type": "image/png" })).toBe(false);
    expect(isCompressible(200, { "content-type": "text/html", "content-length": "200" })).toBe(false);
    expect(isCompressible(200, { "content-type": "text/html", "content-encoding": "gzip" })).toBe(false);
    expect(isCompressible(206, { "content-type": "text/plain" })).toBe(false);
    expect(isCompressible(304, { "content-type": "text/html" })).toBe(false);
    expect(isCompressible(200, { "content-type": "text/html", "cache-control": "public, no-transform" })).toBe(false);
  });

  it("adds Accept-Encoding to Vary once", () => {
    expect(varyWith(undefined, "Accept-Encoding")).toBe("Accept-Encoding");
    expect(varyWith("rsc, next-router-state-tree", "Accept-Encoding")).toBe("rsc, next-router-state-tree, Accept-Encoding");
    expect(varyWith("accept-encoding", "Accept-Encoding")).toBe("accept-encoding");
    expect(varyWith("*", "Accept-Encoding")).toBe("*");
  });
});

/** A public page as Next writes it: head through setHeader, the body in pieces, tags split across them. */
const JSON_LD = `<script type="application/ld+json">{"headline":"Budget \\u003c2026\\u003e"}</script>`;
const PAGE_PIECES = [
  `<!DOCTYPE html><html><head><link rel="preload" as="script" href="/_next/static/chunks/a.js"/><scr`,
  `ipt src="/_next/static/chunks/b.js" async=""></script><title>Budget</title></head><body><main>${JSON_LD}`,
  `<article>${"<p>The budget for 2026 is published today. ".repeat(200)}</p></article></main><script>self.__next_f.push([1,"`,
  `\\u003cp\\u003eThe budget\\u003c/p\\u003e"])</script></body></html>`,
];
const PAGE_EXPECTED = `<!DOCTYPE html><html><head><title>Budget</title></head><body><main>${JSON_LD}<article>${"<p>The budget for 2026 is published today. ".repeat(200)}</p></article></main></body></html>`;

let reached = 0;
let base = "";
const server = http.createServer(async (req, res) => {
  if (answerOrWatch(req, res, "http")) return;
  shapeResponse(req, res);
  reached += 1;
  const path = req.url!.split("?")[0]!;
  if (path === "/desk/page" || path === "/releases/budget" || path === "/") {
    res.statusCode = 200;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("cache-control", path === "/desk/page" ? "private, no-store" : "s-maxage=60, stale-while-revalidate");
    res.setHeader("link", `</a.css>; rel=preload; as="style", </_next/static/chunks/a.js>; rel=preload; as="script"`);
    res.setHeader("etag", `"abc"`);
    for (const piece of PAGE_PIECES) {
      res.write(Buffer.from(piece));
      (res as unknown as { flush?: () => void }).flush?.();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    res.end();
    return;
  }
  if (path === "/feed.xml") {
    // As lib/feeds/conditional.ts answers: its own strong tag, compared weakly, 304 when it matches.
    const tags = String(req.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (tags.includes(`"feed"`)) {
      res.writeHead(304, { etag: `"feed"`, "cache-control": "s-maxage=60" });
      res.end();
      return;
    }
    const body = `<?xml version="1.0"?><rss>${"<item><title>Budget</title></item>".repeat(100)}</rss>`;
    res.writeHead(200, {
      "content-type": "application/rss+xml; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      "cache-control": "s-maxage=60",
      etag: `"feed"`,
      "accept-ranges": "bytes",
    });
    res.end(body);
    return;
  }
  if (path === "/logo.png") {
    res.writeHead(200, { "content-type": "image/png", "content-length": 2000 });
    res.end(Buffer.alloc(2000, 7));
    return;
  }
  res.writeHead(404, { "content-type": "text/plain", "content-length": 7 });
  res.end("missing");
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  clearPublicResponses();
  reached = 0;
});

/** A raw GET (no automatic decompression), the body decoded by its Content-Encoding. */
function get(path: string, acceptEncoding?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; raw: Buffer; text: string }>((resolve, reject) => {
    const sent = acceptEncoding === undefined ? headers : { ...headers, "accept-encoding": acceptEncoding };
    const request = http.get(`${base}${path}`, { headers: sent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = response.headers["content-encoding"];
        const decoded = encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "gzip" ? zlib.gunzipSync(raw) : raw;
        resolve({ status: response.statusCode!, headers: response.headers, raw, text: decoded.toString("utf8") });
      });
    });
    request.on("error", reject);
  });
}

describe("shapeResponse behind the server's wiring", () => {
  it("sends public HTML without scripts, compressed as the client asks, with Vary and a weak ETag", async () => {
    for (const [accept, encoding] of [["gzip, deflate, br", "br"], ["gzip", "gzip"], [undefined, undefined]] as const) {
      const response = await get("/releases/budget", accept);
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"], String(accept)).toBe(encoding);
      expect(response.headers["vary"]).toMatch(/Accept-Encoding/);
      expect(response.text).toBe(PAGE_EXPECTED);
      expect(response.headers["link"]).toBe(`</a.css>; rel=preload; as="style"`);
      expect(response.headers["etag"]).toBe(encoding ? `W/"abc"` : `"abc"`);
      if (encoding) expect(response.raw.length).toBeLessThan(PAGE_EXPECTED.length / 5);
    }
  });

  it("keeps the compressed copy: a repeat is answered from it, byte for byte, without reaching the handler", async () => {
    const first = await get("/releases/budget", "br");
    expect(reached).toBe(1);
    const again = await get("/releases/budget", "gzip, deflate, br");
    expect(reached).toBe(1);
    expect(again.headers["content-encoding"]).toBe("br");
    expect(again.raw.equals(first.raw)).toBe(true);
    expect(again.headers["content-length"]).toBe(String(first.raw.length));
    const gzip = await get("/releases/budget", "gzip");
    expect(reached).toBe(2);
    expect(gzip.text).toBe(PAGE_EXPECTED);
    const plain = await get("/releases/budget", "identity");
    expect(reached).toBe(3);
    expect(plain.text).toBe(PAGE_EXPECTED);
  });

  it("leaves staff pages' scripts in place and compresses them too", async () => {
    const response = await get("/desk/page", "gzip");
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.text).toBe(PAGE_PIECES.join(""));
    expect(response.headers["link"]).toContain(`as="script"`);
  });

  it("compresses feeds and leaves images alone", async () => {
    const feed = await get("/feed.xml", "br");
    expect(feed.headers["content-encoding"]).toBe("br");
    expect(feed.headers["content-length"]).toBeUndefined();
    expect(feed.headers["accept-ranges"], "ranges would be of the uncompressed feed").toBeUndefined();
    expect((await get("/feed.xml", "identity")).headers["accept-ranges"]).toBe("bytes");
    expect(feed.text).toContain("<item><title>Budget</title></item>");
    const image = await get("/logo.png", "br");
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.headers["content-length"]).toBe("2000");
    expect(image.raw.length).toBe(2000);
    const tiny = await get("/missing", "br");
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.text).toBe("missing");
  });

  it("answers a revalidation with the tag and Vary of the representation the client holds, from the copy and from the handler", async () => {
    const feed = await get("/feed.xml", "br");
    expect(feed.headers["etag"]).toBe(`W/"feed"`);
    const fromCopy = await get("/feed.xml", "br", { "if-none-match": `W/"feed"` });
    expect(fromCopy.status).toBe(304);
    expect(fromCopy.headers["etag"]).toBe(`W/"feed"`);
    expect(fromCopy.headers["vary"]).toMatch(/Accept-Encoding/);
    expect(reached).toBe(1);

    clearPublicResponses();
    const fromHandler = await get("/feed.xml", "gzip, br", { "if-none-match": `W/"feed"` });
    expect(reached).toBe(2);
    expect(fromHandler.status).toBe(304);
    expect(fromHandler.headers["etag"]).toBe(`W/"feed"`);
    expect(fromHandler.headers["vary"]).toMatch(/Accept-Encoding/);
    const plain = await get("/feed.xml", "identity", { "if-none-match": `"feed"` });
    expect(plain.status).toBe(304);
    expect(plain.headers["etag"]).toBe(`"feed"`);
  });
});
