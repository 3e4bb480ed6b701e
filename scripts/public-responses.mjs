// @ts-check
// What the production server does to public responses around Next's handler, in one place: an
// in-process copy of the responses Next marks shareable (`s-maxage`), answered again without entering
// Next (a cached release page or feed then costs a map lookup), and the statuses Next cannot give —
// 410 for a retracted release's tombstone, 301 for a moved release. The registry lives on globalThis
// under one Symbol.for key because the app, bundled separately by Next but in the same process, marks
// tombstones and empties the copies through lib/http/gone.ts and lib/http/public-responses.ts, which
// re-export the functions below.
//
// A public change marks the copies it touches stale rather than dropping them: the next request renders
// the page again, and only when that fails (the database is down, or Next answers 5xx) does the reader
// get the last good copy, with `Age` and `Warning: 110`. While the database is known to be down
// (scripts/circuit-breaker.mjs) stale copies are answered without entering Next at all. What a notice
// says was withdrawn is never served stale: its address answers 410 from the notice, and no copy the
// notice touched — list, feed, sitemap, search, a translation's page — stands in (503 with Retry-After instead).

/** @import { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http" */
import { databaseBreaker, databaseIsDown, RETRY_AFTER_SECONDS } from "./circuit-breaker.mjs";
import { adoptHeaders, chunkBytes } from "./adopt-headers.mjs";
import { negotiateEncoding } from "./compression.mjs";

/** @typedef {Pick<IncomingMessage, "method" | "url" | "headers">} RequestLine */
/** @typedef {Record<string, string | string[]>} StoredHeaders */
/**
 * @typedef {object} StoredResponse
 * @property {number} status
 * @property {StoredHeaders} headers
 * @property {Buffer} body
 * @property {number} expires fresh until then (ms)
 * @property {string} [path] the address without query string or trailing slash (from the key when absent)
 * @property {number} [storedAt] when it was rendered (ms)
 * @property {boolean} [stale] a public change touched it: render again, and fall back to it only if that fails
 * @property {boolean} [beforeWithdrawal] a change that withdrew a release touched it: it may list or link
 *   to that release (a list, a feed, a translation's page), so it never stands in again
 */
/** @typedef {{ slug: string, at: string, reason: string }} Withdrawal as the change notice carries it */
/** @typedef {(slug: string) => Promise<boolean>} ReleaseLookup true when a release's page could answer at the slug (a publication has it, or had it) */
/** @typedef {{ all?: boolean, slugs?: string[], withdrawn?: Withdrawal[] }} ResponseChange */
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
 * @property {Map<string, Withdrawal>} withdrawn release paths a change notice said left the public site
 * @property {Map<string, StoredResponse>} releaseMisses the last 404 Next rendered for a release address, by
 *   encoding and scheme: the same page for every address no release has, answered for any of them without
 *   rendering once the app's lookup says so
 * @property {ReleaseLookup | null} releaseLookup the app's question to the database, set when it starts
 * @property {Set<string>} notFound renders (by RENDER_ID_HEADER) whose page said there is nothing at the address
 */

const REGISTRY = Symbol.for("pressroom.public-responses");
const MAX_ENTRIES = 2_000;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** All copies together: unique search queries from one client must not grow the process without bound. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** 404s: enough to spare Next the common mistyped and probed addresses, too few to matter for the pages. */
const MAX_MISSES = 500;
const MAX_MISS_BYTES = 4 * 1024 * 1024;
/** How old a last good copy may be and still be served when the page cannot be rendered again. */
const MAX_STALE_SECONDS = 24 * 60 * 60;
/** Served stale in an outage: a cached search would still list what was retracted since. */
const NEVER_STALE = /^\/search(\/|$)/;
const MAX_SECONDS = 60;
const CACHEABLE_STATUS = new Set([200, 301, 404, 410]);
const PRIVATE_PREFIXES = ["/desk", "/api/", "/login", "/share/", "/media/", "/_next/"];
/**
 * The build's own files (content-hashed, `immutable`): kept like pages, compressed once rather than on
 * every request, and untouched by public changes — no change to the newsroom's content alters them.
 */
const BUILD_FILES = "/_next/static/";
const BUILD_FILE_SECONDS = 24 * 60 * 60;
/**
 * Public list pages are rendered per request (they read the query string), so Next marks them private.
 * They are built from published data alone — never from the session — and every change to that data
 * empties this cache, so the server may keep them for a short while all the same.
 */
const PUBLIC_LIST_PAGE = /^\/(\?|$)|^\/(archive|topics|search|about)(\/|\?|$)/;
const LIST_PAGE_SECONDS = 30;
/**
 * A release's public page. Next renders it per request, reading the database (its own page cache cost
 * about 9 ms a render: 21 ms instead of 12), so these copies are its page cache: kept for a minute like any
 * shared response, expired by change notices, and keyed by the address alone — the page reads no query
 * string, so `?utm_source=…` or any other is the same page (the canonical link says so too). Next says
 * `private, no-store` of what it renders per request; what goes out says what a shared cache in front
 * (the documented nginx micro-cache) may do instead, as the cached page did before.
 */
const RELEASE_PAGE = /^\/releases\/[^/]+$/;
const RELEASE_PAGE_CACHE_CONTROL = `public, max-age=0, s-maxage=${MAX_SECONDS}`;
/** Per-connection headers: Node writes its own on every answer. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

/** @returns {Registry} */
export function publicResponses() {
  const holder = /** @type {Record<symbol, Registry | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (holder[REGISTRY] ??= {
    entries: new Map(),
    generation: 0,
    bytes: 0,
    misses: { entries: new Map(), bytes: 0 },
    gone: new Set(),
    withdrawn: new Map(),
    releaseMisses: new Map(),
    releaseLookup: null,
    notFound: new Set(),
  });
}

/**
 * The address a request or copy is about: without query string or trailing slash.
 * @param {string} url
 */
function pathOf(url) {
  return (url.split("?")[0] ?? "").replace(/\/+$/, "") || "/";
}

/** @param {string} path the release's slug when `path` is a release page (or below one) */
function releaseSlugOf(path) {
  return path.startsWith("/releases/") ? (path.split("/")[2] ?? "") : null;
}

/**
 * What a public change does to the copies, at once (it needs no database): the release pages it names
 * and every page that lists releases (any address but another release's page) become stale; with `all`,
 * every copy does, and the tombstone marks of the releases it names (all of them with `all`) are cleared.
 * 404s it touches are dropped, never served stale. A withdrawn release's copies go, and
 * its address answers 410 from the notice until a later change publishes it again; what else a change
 * that withdraws touches (lists, feeds, the pages of its translations) never stands in again. A response
 * being rendered now is not kept.
 * @param {ResponseChange} change
 */
export function expirePublicResponses(change) {
  const registry = publicResponses();
  registry.generation += 1;
  // The page for an unknown release shows the layout (settings, topics): any change may alter it.
  registry.releaseMisses.clear();
  const withdrawn = change.withdrawn ?? [];
  const withdrawnSlugs = new Set(withdrawn.map((one) => one.slug));
  for (const slug of change.slugs ?? []) if (!withdrawnSlugs.has(slug)) registry.withdrawn.delete(`/releases/${slug}`);
  for (const one of withdrawn) registry.withdrawn.set(`/releases/${one.slug}`, one);
  const changed = new Set([...(change.slugs ?? []), ...withdrawnSlugs]);
  // A tombstone mark caches what the page rendered; the page renders again and marks it again if it must.
  if (change.all) registry.gone.clear();
  else for (const slug of changed) registry.gone.delete(`/releases/${slug}`);
  /** @param {string} path */
  const touched = (path) => {
    if (path.startsWith(BUILD_FILES)) return false;
    const slug = releaseSlugOf(path);
    return Boolean(change.all) || slug === null || changed.has(slug);
  };
  for (const [key, entry] of registry.entries) {
    const slug = releaseSlugOf(entry.path ?? pathOf(key));
    if (slug !== null && withdrawnSlugs.has(slug)) take(registry, key);
    else if (touched(entry.path ?? pathOf(key))) {
      entry.stale = true;
      if (withdrawn.length > 0) entry.beforeWithdrawal = true;
    }
  }
  for (const [key, entry] of registry.misses.entries) if (touched(entry.path ?? pathOf(key))) take(registry.misses, key);
}

/** Empties the copies; a response being rendered now is not kept either. */
export function clearPublicResponses() {
  const registry = publicResponses();
  registry.generation += 1;
  registry.releaseMisses.clear();
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
 * The request header naming one render of a public page (scripts/server.mjs sets it; a client's own is
 * dropped). A page that finds nothing at its address says so for its render with markNotFound and
 * renders the not-found notice itself: Next answers a page's notFound() with an empty shell for its
 * client script to fill (vercel/next.js#62228), and public pages run no script. The status goes out as
 * 404 here.
 */
export const RENDER_ID_HEADER = "x-pressroom-render";

/** @param {string} renderId */
export function markNotFound(renderId) {
  publicResponses().notFound.add(renderId);
}

/**
 * Parameters that campaign links and social sites add and no public page reads: a link shared with
 * `?utm_source=newsletter` is the same page as without it, so it shares its copy.
 */
const TRACKING_PARAMETER = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|twclid|ttclid|li_fat_id|ref_src)$/i;

/**
 * The request's address with tracking parameters taken out of its query string (the rest kept as sent).
 * @param {string} url
 */
function withoutTracking(url) {
  const mark = url.indexOf("?");
  if (mark < 0) return url;
  const kept = url
    .slice(mark + 1)
    .split("&")
    .filter((pair) => {
      const name = pair.split("=")[0] ?? "";
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // a name that does not decode is no tracking parameter's
      }
      return pair !== "" && !TRACKING_PARAMETER.test(decoded);
    });
  return kept.length > 0 ? `${url.slice(0, mark)}?${kept.join("&")}` : url.slice(0, mark);
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
  if (!url.startsWith("/") || (!url.startsWith(BUILD_FILES) && PRIVATE_PREFIXES.some((prefix) => url.startsWith(prefix)))) return null;
  const headers = req.headers;
  // A range is Next's to answer (206, of the uncompressed file); a copy holds the whole body.
  if (headers["range"]) return null;
  // React Server Component requests, prefetches and actions get other bodies than the page's HTML.
  if (headers["rsc"] || headers["next-router-state-tree"] || headers["next-router-prefetch"] || headers["next-action"] || url.includes("_rsc=")) return null;
  if (headers["authorization"]) return null;
  const address = url.split("?")[0] ?? url;
  // Bodies differ by the encoding the server chose (compression.mjs), headers by scheme (HSTS is sent over https only).
  return `${RELEASE_PAGE.test(address) ? address : withoutTracking(url)}\n${negotiateEncoding(headers["accept-encoding"])}\n${scheme}`;
}

/**
 * Seconds a response may be kept: its shared-cache lifetime, at most a minute (a day for the build's
 * immutable files); 0 when it must not be.
 * @param {number} statusCode
 * @param {OutgoingHttpHeaders} headers
 * @param {string} [url]
 */
export function shareableSeconds(statusCode, headers, url = "") {
  if (!CACHEABLE_STATUS.has(statusCode) || headers["set-cookie"]) return 0;
  if (statusCode === 200 && PUBLIC_LIST_PAGE.test(url)) return LIST_PAGE_SECONDS;
  const cacheControl = String(headers["cache-control"] ?? "");
  if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return 0;
  // A shared cache may keep what says s-maxage, or public with max-age (the sitemaps).
  const match = /\bs-maxage=(\d+)/.exec(cacheControl) ?? (/\bpublic\b/.test(cacheControl) ? /\bmax-age=(\d+)/.exec(cacheControl) : null);
  if (!match) return 0;
  const immutableBuildFile = statusCode === 200 && url.startsWith(BUILD_FILES) && /\bimmutable\b/.test(cacheControl);
  return Math.min(Number(match[1]), immutableBuildFile ? BUILD_FILE_SECONDS : MAX_SECONDS);
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
  if (statusCode === 200 && isGone(pathOf(req.url ?? "/"))) return 410;
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

/** @typedef {{ status: number, headers: StoredHeaders, body: Buffer }} Answer */

/** What a 304 carries of the 200 it stands for (RFC 9110 §15.4.5), Vary above all: a copy may be compressed. */
const NOT_MODIFIED_HEADERS = ["cache-control", "content-location", "etag", "expires", "last-modified", "vary"];

/**
 * Writes a copy out (304 when the client's validators match), with `extra` headers.
 * @param {StoredResponse} entry
 * @param {RequestLine} req
 * @param {ServerResponse} res
 * @param {StoredHeaders} [extra]
 */
function sendCopy(entry, req, res, extra = {}) {
  if (entry.status === 200 && notModified(req.headers, entry.headers)) {
    /** @type {StoredHeaders} */
    const kept = {};
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = entry.headers[name];
      if (value !== undefined) kept[name] = value;
    }
    res.writeHead(304, { ...kept, ...extra });
    res.end();
    return;
  }
  res.writeHead(entry.status, { ...entry.headers, ...extra, "content-length": String(entry.body.length) });
  res.end(req.method === "HEAD" ? undefined : entry.body);
}

/**
 * Answers from the copy when there is a fresh one (304 when the client's validators match); true when
 * it did. Stale and expired copies stay, as the last good copy, until the page is rendered again.
 * @param {string} key
 * @param {RequestLine} req
 * @param {ServerResponse} res
 */
export function answerFromCache(key, req, res, now = Date.now()) {
  const registry = publicResponses();
  const found = lookUp(registry, key);
  if (!found) return false;
  const [entry, shelf] = found;
  if (entry.stale || entry.expires <= now) {
    if (shelf === registry.misses) take(shelf, key);
    return false;
  }
  sendCopy(entry, req, res);
  return true;
}

/**
 * The last good copy that may stand in for a page that cannot be rendered now, or null: never a 404,
 * a search, a withdrawn release's page, a copy older than a day, or a copy a withdrawing change touched
 * (it may still list or link to the withdrawn release).
 * @param {string} key
 */
function staleCopy(key, now = Date.now()) {
  const registry = publicResponses();
  const entry = registry.entries.get(key);
  if (!entry || entry.status === 404) return null;
  const path = entry.path ?? pathOf(key);
  const slug = releaseSlugOf(path);
  if (NEVER_STALE.test(path) || (slug !== null && registry.withdrawn.has(`/releases/${slug}`))) return null;
  const storedAt = entry.storedAt ?? 0;
  if (now - storedAt > MAX_STALE_SECONDS * 1000 || entry.beforeWithdrawal) return null;
  return entry;
}

/**
 * The headers that mark a last good copy: its age, and RFC 7234's warning 110 (which older caches and
 * people reading headers know), plus why it is stale.
 * @param {StoredResponse} entry
 * @param {string} why
 * @returns {StoredHeaders}
 */
function staleHeaders(entry, why, now = Date.now()) {
  return { age: String(Math.max(0, Math.round((now - (entry.storedAt ?? now)) / 1000))), warning: '110 - "Response is stale"', "x-pressroom-stale": why };
}

const PLAIN_PAGE_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The 410 for a release a change notice said was withdrawn, from the notice alone (no database): its
 * date and reason. Null when the path is not a withdrawn release's.
 * @param {string} path
 * @returns {Answer | null}
 */
function withdrawnAnswer(path) {
  const slug = releaseSlugOf(path);
  const withdrawal = slug === null ? undefined : publicResponses().withdrawn.get(`/releases/${slug}`);
  if (!withdrawal) return null;
  const when = new Date(withdrawal.at);
  const body =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">' +
    "<title>Release withdrawn</title></head><body><main><h1>This release has been withdrawn</h1>" +
    `<p>Withdrawn on <time datetime="${escapeHtml(withdrawal.at)}">${escapeHtml(Number.isNaN(when.getTime()) ? withdrawal.at : when.toUTCString())}</time>.</p>` +
    (withdrawal.reason ? `<p>Reason: ${escapeHtml(withdrawal.reason)}</p>` : "") +
    "</main></body></html>\n";
  return { status: 410, headers: { ...PLAIN_PAGE_HEADERS, "content-type": "text/html; charset=utf-8" }, body: Buffer.from(body) };
}

/** @returns {Answer} 503 with Retry-After: the database is not answering and no copy may stand in. */
function unavailableAnswer() {
  return {
    status: 503,
    headers: { ...PLAIN_PAGE_HEADERS, "content-type": "text/plain; charset=utf-8", "retry-after": String(RETRY_AFTER_SECONDS) },
    body: Buffer.from("This page cannot be shown right now: the newsroom's database is not answering. Please try again in a minute.\n"),
  };
}

/**
 * @param {RequestLine} req
 * @param {ServerResponse} res
 * @param {Answer} answer
 */
function sendAnswer(req, res, answer) {
  res.writeHead(answer.status, { ...answer.headers, "content-length": String(answer.body.length) });
  res.end(req.method === "HEAD" ? undefined : answer.body);
}

/**
 * While the database is known to be down: a withdrawn release's 410 from its notice, or the last good
 * copy, without entering Next. True when it answered.
 * @param {RequestLine} req
 * @param {ServerResponse} res
 * @param {string | null} key
 */
function answerWithoutDatabase(req, res, key) {
  const gone = isReleaseRead(req) ? withdrawnAnswer(pathOf(req.url ?? "/")) : null;
  if (gone) {
    sendAnswer(req, res, gone);
    return true;
  }
  const copy = key === null ? null : staleCopy(key);
  if (!copy) return false;
  sendCopy(copy, req, res, staleHeaders(copy, "database unreachable"));
  return true;
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
 * writeHead too); an answer of 5xx is replaced, before anything of it is written, by the last good copy,
 * a withdrawn release's 410, or — when the database is down — 503 with Retry-After; a live page of a
 * release a notice withdrew is replaced by the 410. With a cache key the body is collected and kept at
 * the end when the response is shareable — unless a public change happened, or the database failed,
 * while it was rendered.
 * @param {RequestLine} req
 * @param {ServerResponse} res
 * @param {string | null} key
 */
export function watchResponse(req, res, key) {
  const registry = publicResponses();
  const generation = registry.generation;
  const failures = databaseBreaker().failures;
  const startedAt = Date.now();
  const path = pathOf(req.url ?? "/");
  const releaseRead = isReleaseRead(req);
  const releasePage = releaseRead && RELEASE_PAGE.test((req.url ?? "").split("?")[0] ?? "");
  const renderId = typeof req.headers[RENDER_ID_HEADER] === "string" ? req.headers[RENDER_ID_HEADER] : null;
  if (renderId !== null) res.once("close", () => registry.notFound.delete(renderId));
  const keep = key !== null && req.method === "GET";
  const writeHead = /** @type {(statusCode: number, statusMessage?: string | OutgoingHttpHeaders, headers?: OutgoingHttpHeaders) => ServerResponse} */ (res.writeHead);
  const write = /** @type {(...args: unknown[]) => boolean} */ (res.write);
  const end = /** @type {(...args: unknown[]) => ServerResponse} */ (res.end);
  let replaced = false;

  /** @param {number} status @returns {Answer | null} what goes out instead of the answer Next is about to write */
  function insteadOf(status) {
    if (status >= 500) {
      const copy = key === null ? null : staleCopy(key);
      if (copy) return { status: copy.status, headers: { ...copy.headers, ...staleHeaders(copy, "render failed") }, body: copy.body };
      const gone = releaseRead ? withdrawnAnswer(path) : null;
      if (gone) return gone;
      // A copy that may not stand in (older than a withdrawal, a search) means: try again shortly.
      const refusedCopy = key !== null && registry.entries.has(key);
      return refusedCopy || databaseIsDown() || databaseBreaker().failures !== failures ? unavailableAnswer() : null;
    }
    // A notice withdrew it but Next still had the live page (its cache is expired a moment later).
    if (releaseRead && status === 200 && !isGone(path)) return withdrawnAnswer(path);
    return null;
  }
  /** @param {Answer} answer */
  function replace(answer) {
    replaced = true;
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    writeHead.call(res, answer.status, { ...answer.headers, "content-length": String(answer.body.length) });
    end.call(res, req.method === "HEAD" ? undefined : answer.body);
  }
  /** Before Node writes an implicit head from inside write or end: replace the answer there, not halfway. */
  function replacedBeforeWriting() {
    if (!replaced && !res.headersSent) {
      const instead = insteadOf(res.statusCode);
      if (instead) replace(instead);
    }
    return replaced;
  }
  /** @param {unknown[]} args */
  function callBack(args) {
    const callback = args.find((arg) => typeof arg === "function");
    if (callback) process.nextTick(/** @type {() => void} */ (callback));
  }

  /** @param {number} statusCode @param {unknown[]} rest */
  function settledWriteHead(statusCode, ...rest) {
    if (replaced) return res;
    const message = typeof rest[0] === "string" ? rest[0] : undefined;
    adoptHeaders(res, message === undefined ? rest[0] : rest[1]);
    const instead = insteadOf(statusCode);
    if (instead) {
      replace(instead);
      return res;
    }
    const missing = statusCode === 200 && renderId !== null && registry.notFound.delete(renderId);
    const status = missing ? 404 : publicStatus(req, statusCode);
    if (releasePage && status < 500 && !res.getHeader("set-cookie")) res.setHeader("cache-control", RELEASE_PAGE_CACHE_CONTROL);
    if (status === 301) {
      // Next adds the Location header twice (same value); send it once.
      const location = res.getHeader("location");
      if (Array.isArray(location)) res.setHeader("location", location[0] ?? "");
    }
    return status === statusCode && message !== undefined ? writeHead.call(res, status, message) : writeHead.call(res, status);
  }

  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  /** @param {unknown} chunk @param {unknown} encoding */
  function collect(chunk, encoding) {
    if (!keep || size > MAX_BODY_BYTES) return;
    const buffer = chunkBytes(chunk, encoding);
    if (buffer === null) return;
    size += buffer.length;
    chunks.push(buffer);
  }
  /** @param {unknown} chunk @param {unknown[]} rest */
  function collectingWrite(chunk, ...rest) {
    if (replacedBeforeWriting()) {
      callBack(rest);
      return true;
    }
    collect(chunk, rest[0]);
    return write.call(res, chunk, ...rest);
  }
  /** @param {unknown} chunk @param {unknown[]} rest */
  function collectingEnd(chunk, ...rest) {
    if (replacedBeforeWriting()) {
      callBack([chunk, ...rest]);
      return res;
    }
    collect(chunk, rest[0]);
    return end.call(res, chunk, ...rest);
  }
  res.writeHead = /** @type {ServerResponse["writeHead"]} */ (/** @type {unknown} */ (settledWriteHead));
  res.write = /** @type {ServerResponse["write"]} */ (/** @type {unknown} */ (collectingWrite));
  res.end = /** @type {ServerResponse["end"]} */ (/** @type {unknown} */ (collectingEnd));
  if (!keep) return;
  res.on("finish", () => {
    if (replaced) return;
    const headers = replayableHeaders(res);
    const seconds = shareableSeconds(res.statusCode, headers, req.url);
    if (seconds === 0 || size > MAX_BODY_BYTES || registry.generation !== generation || databaseBreaker().failures !== failures) return;
    /** @type {StoredResponse} */
    const entry = { status: res.statusCode, headers, body: Buffer.concat(chunks), expires: Date.now() + seconds * 1000, path, storedAt: startedAt };
    remember(registry, /** @type {string} */ (key), entry);
    if (releasePage && entry.status === 404) registry.releaseMisses.set(variantOf(/** @type {string} */ (key)), entry);
  });
}

/**
 * What of a cache key is not the address: the encoding and the scheme.
 * @param {string} key
 */
function variantOf(key) {
  return key.slice(key.indexOf("\n"));
}

/**
 * The app tells the server how to ask whether a release could answer at an address (instrumentation.ts).
 * @param {ReleaseLookup | null} lookup
 */
export function setReleaseLookup(lookup) {
  publicResponses().releaseLookup = lookup;
}

/**
 * A release address no publication has, or ever had, answered with the 404 Next last rendered for such
 * an address, after one indexed look-up instead of a render (about 12 ms, every time: each unknown
 * address is new). True when it answered. Anything uncertain — no 404 rendered since the last change,
 * no look-up, an address that does not decode, the database failing, a change heard meanwhile — goes
 * on to Next, which decides as before.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {"http" | "https"} scheme
 */
export async function answerUnknownRelease(req, res, scheme) {
  const registry = publicResponses();
  const key = cacheKeyOf(req, scheme);
  const address = (req.url ?? "").split("?")[0] ?? "";
  const lookup = registry.releaseLookup;
  if (key === null || lookup === null || !RELEASE_PAGE.test(address) || databaseIsDown()) return false;
  const variant = variantOf(key);
  if (!registry.releaseMisses.has(variant)) return false;
  let slug;
  try {
    slug = decodeURIComponent(address.slice("/releases/".length));
  } catch {
    return false;
  }
  const generation = registry.generation;
  let known;
  try {
    known = await lookup(slug);
  } catch {
    return false;
  }
  const page = registry.releaseMisses.get(variant);
  if (known || !page || registry.generation !== generation || res.destroyed) return false;
  sendCopy(page, req, res);
  return true;
}

/**
 * In front of Next's handler: answers from the copy when it can (true) — a fresh one, or while the
 * database is down a withdrawn release's 410 or the last good copy. Returns false, answering nothing,
 * when the request must go to Next.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {"http" | "https"} scheme the one the server established (request-guard.mjs requestScheme)
 */
export function answerFromCopies(req, res, scheme) {
  const key = cacheKeyOf(req, scheme);
  if (key !== null && answerFromCache(key, req, res)) return true;
  return databaseIsDown() && answerWithoutDatabase(req, res, key);
}

/**
 * answerFromCopies, and when it cannot answer, watches the response Next is about to write (false).
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {"http" | "https"} scheme
 */
export function answerOrWatch(req, res, scheme) {
  if (answerFromCopies(req, res, scheme)) return true;
  watchResponse(req, res, cacheKeyOf(req, scheme));
  return false;
}
