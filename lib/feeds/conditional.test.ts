import { describe, expect, it } from "vitest";
import { conditionalResponse, FEED_CACHE_CONTROL, httpDate, isNotModified, strongEtag } from "./conditional";

const lastModified = new Date("2026-03-04T10:15:30.750Z");

function get(headers: Record<string, string> = {}, method = "GET") {
  return { method, headers: new Headers(headers) };
}

describe("strongEtag", () => {
  it("is a quoted strong tag that follows the bytes", () => {
    const etag = strongEtag("<rss/>");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtag("<rss/>")).toBe(etag);
    expect(strongEtag("<rss />")).not.toBe(etag);
    expect(strongEtag("é")).not.toBe(strongEtag("e\u0301"));
  });
});

describe("isNotModified", () => {
  const etag = strongEtag("body");
  const validators = { etag, lastModified };

  it("matches If-None-Match against the tag, in a list, weakly, or *", () => {
    expect(isNotModified(get({ "If-None-Match": etag }), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": `"other", ${etag}` }), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": `W/${etag}` }), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": "*" }), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": '"other"' }), validators)).toBe(false);
    expect(isNotModified(get({ "If-None-Match": etag.slice(1, -1) }), validators)).toBe(false);
    expect(isNotModified(get({ "If-None-Match": "" }), validators)).toBe(false);
  });

  it("lets If-None-Match decide alone when both are sent", () => {
    const future = new Date("2030-01-01T00:00:00Z").toUTCString();
    expect(isNotModified(get({ "If-None-Match": '"other"', "If-Modified-Since": future }), validators)).toBe(false);
    expect(isNotModified(get({ "If-None-Match": etag, "If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT" }), validators)).toBe(true);
  });

  it("compares If-Modified-Since at whole seconds", () => {
    expect(isNotModified(get({ "If-Modified-Since": httpDate(lastModified) }), validators)).toBe(true);
    expect(isNotModified(get({ "If-Modified-Since": "Wed, 04 Mar 2026 10:15:31 GMT" }), validators)).toBe(true);
    expect(isNotModified(get({ "If-Modified-Since": "Wed, 04 Mar 2026 10:15:29 GMT" }), validators)).toBe(false);
    expect(isNotModified(get({ "If-Modified-Since": "not a date" }), validators)).toBe(false);
    expect(isNotModified(get(), validators)).toBe(false);
  });

  it("answers 304 only to GET and HEAD", () => {
    expect(isNotModified(get({ "If-None-Match": etag }, "HEAD"), validators)).toBe(true);
    expect(isNotModified(get({ "If-None-Match": etag }, "POST"), validators)).toBe(false);
  });
});

describe("conditionalResponse", () => {
  const content = { body: "<rss>…</rss>", contentType: "application/rss+xml; charset=utf-8", lastModified };

  it("answers 200 with the body, its validators and a shared-cache policy", async () => {
    const response = conditionalResponse(get(), content);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<rss>…</rss>");
    expect(response.headers.get("ETag")).toBe(strongEtag(content.body));
    expect(response.headers.get("Last-Modified")).toBe("Wed, 04 Mar 2026 10:15:30 GMT");
    expect(response.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe(FEED_CACHE_CONTROL);
    expect(FEED_CACHE_CONTROL).toMatch(/^public, /);
    expect(FEED_CACHE_CONTROL).toContain("s-maxage=");
  });

  it("answers 304 with no body and the same validators to a reader whose copy is current", async () => {
    const first = conditionalResponse(get(), content);
    const etag = first.headers.get("ETag")!;
    const second = conditionalResponse(get({ "If-None-Match": etag }), content);
    expect(second.status).toBe(304);
    expect(await second.text()).toBe("");
    expect(second.headers.get("ETag")).toBe(etag);
    expect(second.headers.get("Last-Modified")).toBe(first.headers.get("Last-Modified"));
    expect(second.headers.get("Cache-Control")).toBe(FEED_CACHE_CONTROL);
    const byDate = conditionalResponse(get({ "If-Modified-Since": first.headers.get("Last-Modified")! }), content);
    expect(byDate.status).toBe(304);
    // A changed feed is sent in full again.
    const changed = conditionalResponse(get({ "If-None-Match": etag }), { ...content, body: "<rss>changed</rss>" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
  });
});
