// An in-process copy of the public responses Next marks shareable (`s-maxage`), kept by the production
// server in front of Next's handler: a cached release page or feed then costs a map lookup instead of
// Next's whole request pipeline. Any public change empties it at once — the same expiry that empties
// Next's own cache calls clearPublicResponses() (lib/http/public-responses.ts) — so it never serves a
// page a publication, retraction or settings change has made stale.

const REGISTRY = Symbol.for("pressroom.public-responses");
const MAX_ENTRIES = 2_000;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** All copies together: unique search queries from one client must not grow the process without bound. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
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

/** The registry shared with the app (same process): entries and a generation bumped on every clear. */
export function publicResponses() {
  globalThis[REGISTRY] ??= { entries: new Map(), generation: 0, bytes: 0 };
  return globalThis[REGISTRY];
}

/**
 * The cache key of a request that may be answered from the cache, or null. `scheme` is the one the
 * server established (https only through a trusted proxy), never a header the client chose.
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

/** Seconds a response may be kept: its shared-cache lifetime, at most a minute; 0 when it must not be. */
export function shareableSeconds(statusCode, headers, url = "") {
  if (!CACHEABLE_STATUS.has(statusCode) || headers["set-cookie"]) return 0;
  if (statusCode === 200 && PUBLIC_LIST_PAGE.test(url)) return LIST_PAGE_SECONDS;
  const cacheControl = String(headers["cache-control"] ?? "");
  if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return 0;
  const match = /\bs-maxage=(\d+)/.exec(cacheControl);
  return match ? Math.min(Number(match[1]), MAX_SECONDS) : 0;
}

/** Answers from the cache when it can; true when it did. */
export function answerFromCache(key, req, res, now = Date.now()) {
  const { entries } = publicResponses();
  const entry = entries.get(key);
  if (!entry) return false;
  if (entry.expires <= now) {
    entries.delete(key);
    publicResponses().bytes -= entry.body.length;
    return false;
  }
  if (entry.status === 200 && notModified(req.headers, entry.headers)) {
    const kept = { "cache-control": entry.headers["cache-control"] ?? "" };
    if (entry.headers["etag"]) kept.etag = entry.headers["etag"];
    if (entry.headers["last-modified"]) kept["last-modified"] = entry.headers["last-modified"];
    res.writeHead(304, kept);
    res.end();
    return true;
  }
  res.writeHead(entry.status, entry.headers);
  res.end(req.method === "HEAD" ? undefined : entry.body);
  return true;
}

/** Stores a copy, dropping the oldest ones while the cache holds too many or too many bytes. */
export function remember(registry, key, entry, limits = { entries: MAX_ENTRIES, bytes: MAX_TOTAL_BYTES }) {
  const { entries } = registry;
  const previous = entries.get(key);
  if (previous) {
    entries.delete(key);
    registry.bytes -= previous.body.length;
  }
  registry.bytes = (registry.bytes ?? 0) + entry.body.length;
  entries.set(key, entry);
  while (entries.size > limits.entries || registry.bytes > limits.bytes) {
    const [oldestKey, oldest] = entries.entries().next().value;
    entries.delete(oldestKey);
    registry.bytes -= oldest.body.length;
  }
}

/** RFC 9110 conditional GET: If-None-Match decides when present (weak comparison), else If-Modified-Since. */
function notModified(request, stored) {
  const etag = stored["etag"];
  const ifNoneMatch = request["if-none-match"];
  if (ifNoneMatch) {
    if (!etag) return false;
    const bare = String(etag).replace(/^W\//, "");
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || tag.trim().replace(/^W\//, "") === bare);
  }
  const since = Date.parse(request["if-modified-since"] ?? "");
  const modified = Date.parse(stored["last-modified"] ?? "");
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/**
 * Watches a response Next is writing and keeps a copy when it is shareable — unless a public change
 * happened while it was being rendered (the generation moved), which would make the copy stale.
 */
export function keepWhenShareable(key, req, res) {
  if (req.method !== "GET") return;
  const registry = publicResponses();
  const generation = registry.generation;
  const chunks = [];
  let size = 0;
  const write = res.write;
  const end = res.end;
  res.write = function (chunk, ...rest) {
    collect(chunk, rest[0]);
    return write.call(this, chunk, ...rest);
  };
  res.end = function (chunk, ...rest) {
    if (chunk && typeof chunk !== "function") collect(chunk, rest[0]);
    return end.call(this, chunk, ...rest);
  };
  function collect(chunk, encoding) {
    if (size > MAX_BODY_BYTES) return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8");
    size += buffer.length;
    chunks.push(buffer);
  }
  res.on("finish", () => {
    const headers = sentHeaders(res);
    const seconds = shareableSeconds(res.statusCode, headers, req.url);
    if (seconds === 0 || size > MAX_BODY_BYTES || registry.generation !== generation) return;
    remember(registry, key, { status: res.statusCode, headers, body: Buffer.concat(chunks), expires: Date.now() + seconds * 1000 });
  });
}

const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

/**
 * The headers as they went out, however Next set them (setHeader or writeHead's own object): read from
 * the header block Node wrote. Per-connection headers are left out; Node adds its own on replay.
 */
export function sentHeaders(res) {
  const headers = {};
  const block = typeof res._header === "string" ? res._header : "";
  for (const line of block.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (NOT_REPLAYED.has(name)) continue;
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? [].concat(headers[name], value) : value;
  }
  return headers;
}
