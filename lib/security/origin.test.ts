import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);
const SITE = "https://news.example.org";

describe("isSameOrigin", () => {
  it("accepts the site's own origin, however SITE_URL is written", () => {
    expect(isSameOrigin(headers({ origin: "http://localhost:3000", host: "localhost:3000" }), "http://localhost:3000")).toBe(true);
    expect(isSameOrigin(headers({ origin: SITE, host: "127.0.0.1:3000" }), "https://news.example.org/")).toBe(true);
    expect(isSameOrigin(headers({ origin: SITE }), "https://news.example.org:443/press")).toBe(true);
  });

  it.each([
    [{ host: "news.example.org" }],
    [{ origin: "null", host: "news.example.org" }],
    [{ origin: "http://evil.example", host: "news.example.org" }],
    [{ origin: "http://news.example.org", host: "news.example.org" }],
    [{ origin: "https://news.example.org.evil.example" }],
    // Headers any client can write do not make another origin the site's.
    [{ origin: "http://evil.example", host: "evil.example" }],
    [{ origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" }],
    [{ origin: "https://evil.example", host: "news.example.org", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }],
  ])("refuses %o", (values) => {
    expect(isSameOrigin(headers(values), SITE)).toBe(false);
  });

  it("refuses everything when the site's address is not a URL", () => {
    expect(isSameOrigin(headers({ origin: "http://localhost:3000" }), "not a url")).toBe(false);
  });
});
