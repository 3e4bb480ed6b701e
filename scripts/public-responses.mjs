// @ts-check
// What the production server does to public responses around Next's handler, in one place: an
// in-process copy of the responses Next marks shareable (`s-maxage`), answered again without entering
// Next (a cached release page or feed then costs a map lookup), and the statuses Next cannot give —
// 410 for a retracted release's tombstone, 301 for a moved release. The registry lives on globalThis
// under one Symbol.for key because the app, bundled separately by Next but in the same process, marks
// tombstones and empties the copies through lib/http/gone.ts and lib/http/public-responses.ts, which
// re-export the functions below. Any public change empties it at once, so it never serves a page a
// publication, retraction or settings change has made stale.

/** @import { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http" */

/** @typedef {Pick<IncomingMessage, "method" | "url" | "headers">} RequestLine */
/** @typedef {Record<string, string | string[]>} StoredHeaders */
/** @typedef {{ status: number, headers: StoredHeaders, body: Buffer, expires: number }} StoredResponse */
/**
 * Copies kept within a budget, least recently used first: an answer from a copy moves it to the end,
 * so a page readers keep asking for is the last to go.
 * @typedef {object} Shelf
 * @property {Map<string, StoredResponse>} entries least recently used first
 * @property {number} bytes the bodies' total size
 */
/**
 * @typedef {object} Registry
 * @property {Map<string, StoredResponse>} entries the pages, feeds and other answers readers find (least recently used first)
 * @property {number} bytes the bodies' total size
 * @property {Shelf} misses 404s, on a small budget of their own, so a flood of unknown addresses never pushes out a page
 * @property {number} generation moved by every clear, so a response rendered across a change is not kept
 * @property {Set<string>} gone release paths whose page last rendered a tombstone
 */

const REGISTRY = Symbol.for("pressroom.public-responses");
const MAX_ENTRIES = 2_000;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** All copies together: unique search queries from one client must not grow the process without bound. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** 404s: enough to spare Next the common mistyped and probed addresses, too few to matter for the pages. */
const MAX_MISSES = 500;
const MAX_MISS_BYTES = 4 * 1024 * 1024;
const MAX_SECONDS = 60;
const CACHEABLE_STATUS = new Set([200, 301, 404, 410]);
const PRIVATE_PREFIXES = ["/desk", "/api/", "/login", "/share/", "/media/", "/_next/"];
/**
 * Public list pages are rendered per request (they read the query string), so Next marks them private.
 * They are built from published data alone — never from the session — and every change to that data
 * empties this cache, so the server may keep them for a short while all the same.
 */
const PUBLIC_LIST_PAGE = /^\/(\?|$)|^\/(archive|topics|search|about)(\/|\?|$)/;
const LIST_PAGE_SECONDS = 30;
/** Per-connection headers: Node writes its own on every answer. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

/** @returns {Registry} */
export function publicResponses() {
  const holder = /** @type {Record<symbol, Registry | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (holder[REGISTRY] ??= { entries: new Map(), generation: 0, bytes: 0, misses: { entries: new Map(), bytes: 0 }, gone: new Set() });
}

/** Empties the copies; a response being rendered now is not kept either. */
export function clearPublicResponses() {
  const registry = publicResponses();
  registry.generation += 1;
  registry.entries.clear();
  registry.bytes = 0;
  registry.misses.entries.clear();
  registry.misses.bytes = 0;
}

/**
 * Called by the release page while it renders a tombstone for `path` (e.g. /releases/old-news). The
 * mark is a cache of what the page rendered, cleared whenever the page's cache is expired, so it never
 * outlives the cached page.
 * @param {string} path
 */
export function markGone(path) {
  publicResponses().gone.add(path);
}

/** @param {string} path */
export function clearGone(path) {
  publicResponses().gone.delete(path);
}

/** @param {string} path */
export function isGone(path) {
  return publicResponses().gone.has(path);
}

/**
 * The cache key of a request that may be answered from the cache, or null. `scheme` is the one the
 * server established (https only through a trusted proxy), never a header the client chose.
 * @param {RequestLine} req
 * @param {"http" | "https"} [scheme]
 * @returns {string | null}
 */
export function cacheKeyOf(req, scheme = "http") {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  const url = req.url ?? "";
  if (!url.startsWith("/") || PRIVATE_PREFIXES.some((prefix) => url.startsWith(prefix))) return null;
  const headers = req.headers;
  // React Server Component requests, prefetches and actions get other bodies than the page's HTML.
  if (headers["rsc"] || headers["next-router-state-tree"] || headers["next-router-prefetch"] || headers["next-action"] || url.includes("_rsc=")) return null;
  if (headers["authorization"]) return null;
  // Bodies differ by content encoding, and headers by scheme (HSTS is sent over https only).
  return `${url}\n${headers["accept-encoding"] ?? ""}\n${scheme}`;
}

/**
 * Seconds a response may be kept: its shared-cache lifetime, at most a minute; 0 when it must not be.
 * @param {number} statusCode
 * @param {OutgoingHttpHeaders} headers
 * @param {string} [url]
 */
export function shareableSeconds(statusCode, headers, url = "") {
  if (!CACHEABLE_STATUS.has(statusCode) || headers["set-cookie"]) return 0;
  if (statusCode === 200 && PUBLIC_LIST_PAGE.test(url)) return LIST_PAGE_SECONDS;
  const cacheControl = String(headers["cache-control"] ?? "");
  if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return 0;
  const match = /\bs-maxage=(\d+)/.exec(cacheControl);
  return match ? Math.min(Number(match[1]), MAX_SECONDS) : 0;
}

/** @param {RequestLine} req */
function isReleaseRead(req) {
  return (req.method === "GET" || req.method === "HEAD") && Boolean(req.url?.startsWith("/releases/"));
}

/**
 * The status a public response goes out with. Next answers permanentRedirect() with 308; for the GET of
 * an old release address that means the same as 301, which feed readers, crawlers and older clients
 * expect. Next's page cache can only store 200 or 404, so a tombstone is a 200 to Next; a marked path
 * becomes 410 Gone here.
 * @param {RequestLine} req
 * @param {number} statusCode
 */
export function publicStatus(req, statusCode) {
  if (!isReleaseRead(req)) return statusCode;
  if (statusCode === 308) return 301;
  if (statusCode === 200 && isGone((req.url?.split("?")[0] ?? "").replace(/\/+$/, ""))) return 410;
  return statusCode;
}

/** @typedef {{ entries: number, bytes: number, misses: number, missBytes: number }} Limits */
/** @type {Limits} */
const LIMITS = { entries: MAX_ENTRIES, bytes: MAX_TOTAL_BYTES, misses: MAX_MISSES, missBytes: MAX_MISS_BYTES };

/**
 * @param {Shelf} shelf
 * @param {string} key
 */
function take(shelf, key) {
  const previous = shelf.entries.get(key);
  if (!previous) return;
  shelf.entries.delete(key);
  shelf.bytes -= previous.body.length;
}

/**
 * Stores a copy: a 404 on the misses' shelf, anything else on the main one. Each drops its least
 * recently used copies while it holds too many or too many bytes.
 * @param {Shelf & Pick<Registry, "misses">} registry
 * @param {string} key
 * @param {StoredResponse} entry
 * @param {Limits} [limits]
 */
export function remember(registry, key, entry, limits = LIMITS) {
  take(registry, key);
  take(registry.misses, key);
  const miss = entry.status === 404;
  const shelf = miss ? registry.misses : registry;
  const maxEntries = miss ? limits.misses : limits.entries;
  const maxBytes = miss ? limits.missBytes : limits.bytes;
  shelf.bytes += entry.body.length;
  shelf.entries.set(key, entry);
  for (const [oldestKey, oldest] of shelf.entries) {
    if (shelf.entries.size <= maxEntries && shelf.bytes <= maxBytes) break;
    shelf.entries.delete(oldestKey);
    shelf.bytes -= oldest.body.length;
  }
}

/**
 * The copy kept under `key`, moved to the end of its shelf (most recently used).
 * @param {Registry} registry
 * @param {string} key
 * @returns {[StoredResponse, Shelf] | null}
 */
function lookUp(registry, key) {
  for (const shelf of [registry, registry.misses]) {
    const entry = shelf.entries.get(key);
    if (!entry) continue;
    shelf.entries.delete(key);
    shelf.entries.set(key, entry);
    return [entry, shelf];
  }
  return null;
}

/**
 * RFC 9110 conditional GET: If-None-Match decides when present (weak comparison), else If-Modified-Since.
 * @param {IncomingHttpHeaders} request
 * @param {StoredHeaders} stored
 */
function notModified(request, stored) {
  const etag = stored["etag"];
  const ifNoneMatch = request["if-none-match"];
  if (ifNoneMatch) {
    if (!etag) return false;
    const bare = String(etag).replace(/^W\//, "");
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === bare);
  }
  const since = Date.parse(request["if-modified-since"] ?? "");
  const modified = Date.parse(String(stored["last-modified"] ?? ""));
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/**
 * Answers from the copy when there is a fresh one (304 when the client's validators match); true when it did.
 * @param {string} key
 * @param {RequestLine} req
 * @param {ServerResponse} res
 */
export function answerFromCache(key, req, res, now = Date.now()) {
  const found = lookUp(publicResponses(), key);
  if (!found) return false;
  const [entry, shelf] = found;
  if (entry.expires <= now) {
    take(shelf, key);
    return false;
  }
  if (entry.status === 200 && notModified(req.headers, entry.headers)) {
    /** @type {StoredHeaders} */
    const kept = { "cache-control": entry.headers["cache-control"] ?? "" };
    if (entry.headers["etag"]) kept.etag = entry.headers["etag"];
    if (entry.headers["last-modified"]) kept["last-modified"] = entry.headers["last-modified"];
    res.writeHead(304, kept);
    res.end();
    return true;
  }
  res.writeHead(entry.status, { ...entry.headers, "content-length": entry.body.length });
  res.end(req.method === "HEAD" ? undefined : entry.body);
  return true;
}

/**
 * Headers given to writeHead become the response's own (setHeader/appendHeader, overriding earlier
 * ones of the same name, as Node does), so that getHeaders() reports everything that went out.
 * @param {ServerResponse} res
 * @param {OutgoingHttpHeaders | (string | string[])[] | undefined} headers
 */
function adoptHeaders(res, headers) {
  if (!headers) return;
  if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) if (name && value !== undefined) res.setHeader(name, value);
    return;
  }
  const pairs = Array.isArray(headers[0]) ? /** @type {string[][]} */ (headers) : [];
  if (pairs.length === 0) for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), String(headers[i + 1])]);
  for (const [name] of pairs) if (name) res.removeHeader(name);
  for (const [name, value] of pairs) if (name && value !== undefined) res.appendHeader(name, value);
}

/**
 * The headers a response went out with, as a copy may replay them: from res.getHeaders(), without
 * the per-connection ones.
 * @param {ServerResponse} res
 * @returns {StoredHeaders}
 */
export function replayableHeaders(res) {
  /** @type {StoredHeaders} */
  const headers = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return headers;
}

/**
 * Wraps the response's writeHead, write and end (the instance's own methods, nothing private): the
 * status is settled by publicStatus when the head goes out (Node sends an implicit head through
 * writeHead too), and with a cache key the body is collected and kept at the end when the response is
 * shareable — unless a public change happened while it was rendered (the generation moved).
 * @param {RequestLine} req
 * @param {ServerResponse} res
 * @param {string | null} key
 */
export function watchResponse(req, res, key) {
  if (key === null && !isReleaseRead(req)) return;
  const writeHead = /** @type {(statusCode: number, statusMessage?: string) => ServerResponse} */ (res.writeHead);
  /** @param {number} statusCode @param {unknown[]} rest */
  function settledWriteHead(statusCode, ...rest) {
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    adoptHeaders(res, /** @type {OutgoingHttpHeaders | undefined} */ (message === undefined ? rest[0] : rest[1]));
    const status = publicStatus(req, statusCode);
    if (status === 301) {
      // Next adds the Location header twice (same value); send it once.
      const location = res.getHeader("location");
      if (Array.isArray(location)) res.setHeader("location", location[0] ?? "");
    }
    return status === statusCode && message !== undefined ? writeHead.call(res, status, message) : writeHead.call(res, status);
  }
  res.writeHead = /** @type {ServerResponse["writeHead"]} */ (/** @type {unknown} */ (settledWriteHead));
  if (key === null || req.method !== "GET") return;

  const registry = publicResponses();
  const generation = registry.generation;
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  /** @param {unknown} chunk @param {unknown} encoding */
  function collect(chunk, encoding) {
    if (size > MAX_BODY_BYTES || chunk === null || chunk === undefined || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8") : Buffer.from(/** @type {Uint8Array} */ (chunk));
    size += buffer.length;
    chunks.push(buffer);
  }
  const write = /** @type {(...args: unknown[]) => boolean} */ (res.write);
  const end = /** @type {(...args: unknown[]) => ServerResponse} */ (res.end);
  /** @param {unknown} chunk @param {unknown[]} rest */
  function collectingWrite(chunk, ...rest) {
    collect(chunk, rest[0]);
    return write.call(res, chunk, ...rest);
  }
  /** @param {unknown} chunk @param {unknown[]} rest */
  function collectingEnd(chunk, ...rest) {
    collect(chunk, rest[0]);
    return end.call(res, chunk, ...rest);
  }
  res.write = /** @type {ServerResponse["write"]} */ (/** @type {unknown} */ (collectingWrite));
  res.end = /** @type {ServerResponse["end"]} */ (/** @type {unknown} */ (collectingEnd));
  res.on("finish", () => {
    const headers = replayableHeaders(res);
    const seconds = shareableSeconds(res.statusCode, headers, req.url);
    if (seconds === 0 || size > MAX_BODY_BYTES || registry.generation !== generation) return;
    remember(registry, key, { status: res.statusCode, headers, body: Buffer.concat(chunks), expires: Date.now() + seconds * 1000 });
  });
}

/**
 * In front of Next's handler: answers from the copy when it can (true), otherwise watches the response
 * Next is about to write (false).
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {"http" | "https"} scheme the one the server established (request-guard.mjs requestScheme)
 */
export function answerOrWatch(req, res, scheme) {
  const key = cacheKeyOf(req, scheme);
  if (key !== null && answerFromCache(key, req, res)) return true;
  watchResponse(req, res, key);
  return false;
}
