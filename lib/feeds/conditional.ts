import { createHash } from "node:crypto";

/**
 * Shared caches may keep a feed for a minute and serve it a minute longer while they revalidate (a
 * cheap 304 here). Two minutes bounds how long a retracted release can linger in a CDN's copy, while
 * feed readers polling every few minutes and proxies in front of many of them still hit the cache.
 */
export const FEED_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=60";

/**
 * A strong validator: the SHA-256 of the exact bytes served. The builders are pure, so the same items,
 * settings and hub give the same bytes and the same tag; any change to any of them gives a new one.
 */
export function strongEtag(body: string): string {
  return `"${createHash("sha256").update(body, "utf8").digest("base64url")}"`;
}

/** An HTTP date (IMF-fixdate), whole seconds, as Last-Modified and If-Modified-Since use. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

/** The opaque part of an entity tag, with W/ dropped: If-None-Match compares weakly (RFC 9110 §13.1.2). */
function opaque(tag: string): string {
  return tag.trim().replace(/^W\//, "");
}

function matchesAny(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === "*") return true;
  const wanted = opaque(etag);
  // Entity tags cannot contain a double quote, so splitting the list on commas outside quotes is enough.
  const tags = ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => opaque(tag) === wanted);
}

/**
 * Whether a GET or HEAD may be answered 304 Not Modified. If-None-Match, when present, decides alone;
 * If-Modified-Since counts only without it, at one-second precision (HTTP dates have no more).
 */
export function isNotModified(request: { method: string; headers: Headers }, validators: { etag: string; lastModified: Date }): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) return matchesAny(ifNoneMatch, validators.etag);
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(validators.lastModified.getTime() / 1000) * 1000 <= since;
}

/** 200 with the body and its validators, or 304 with the same validators and no body. */
export function conditionalResponse(
  request: { method: string; headers: Headers },
  content: { body: string; contentType: string; lastModified: Date },
): Response {
  const etag = strongEtag(content.body);
  const headers = new Headers({
    ETag: etag,
    "Last-Modified": httpDate(content.lastModified),
    "Cache-Control": FEED_CACHE_CONTROL,
  });
  if (isNotModified(request, { etag, lastModified: content.lastModified })) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", content.contentType);
  return new Response(content.body, { status: 200, headers });
}
