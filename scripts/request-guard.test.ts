import { describe, expect, it } from "vitest";
import {
  badPathReason,
  dropUntrustedForwardedHeaders,
  isServerActionRequest,
  isSiteOrigin,
  malformedActionBody,
  requestScheme,
  siteOriginOf,
} from "./request-guard.mjs";

type Headers = Record<string, string | undefined>;

describe("badPathReason", () => {
  it.each(["/", "/releases/a-b", "/releases/caf%C3%A9", "/search?q=%00", "/search?q=%ff", "/releases/%2500", "/topics/%F0%9F%98%80"])("serves %s", (url) => {
    expect(badPathReason(url)).toBeNull();
  });
  it.each(["/releases/%ff", "/releases/%C0%80", "/releases/%ED%A0%80", "/releases/%E2%82", "/releases/%"])("refuses %s: not UTF-8", (url) => {
    expect(badPathReason(url)).toMatch(/not UTF-8/);
  });
  it.each(["/releases/%00", "/%00", "/desk/releases/%0a", "/releases/a%1fb", "/releases/%7F"])("refuses %s: a control character", (url) => {
    expect(badPathReason(url)).toMatch(/control character/);
  });
});

describe("isServerActionRequest", () => {
  const req = (method: string, url: string, headers: Headers) => ({ method, url, headers });
  it("is a POST with a Next-Action header, or a multipart form post, to a page", () => {
    expect(isServerActionRequest(req("POST", "/desk/settings", { "next-action": "00ab" }))).toBe(true);
    expect(isServerActionRequest(req("POST", "/login", { "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
  });
  it("is not a route handler's request, another method, or another body", () => {
    expect(isServerActionRequest(req("POST", "/api/media", { "content-type": "multipart/form-data; boundary=x" }))).toBe(false);
    expect(isServerActionRequest(req("POST", "/api/session", { "next-action": "00ab" }))).toBe(false);
    expect(isServerActionRequest(req("GET", "/desk", { "next-action": "00ab" }))).toBe(false);
    expect(isServerActionRequest(req("POST", "/login", { "content-type": "application/json" }))).toBe(false);
  });
});

describe("the site's origin", () => {
  it("is SITE_URL's origin, or the default address's", () => {
    expect(siteOriginOf("https://news.example.org/press/", 3000)).toBe("https://news.example.org");
    expect(siteOriginOf(undefined, 3100)).toBe("http://localhost:3100");
    expect(siteOriginOf("", 3100)).toBe("http://localhost:3100");
    expect(siteOriginOf("not a url", 3100)).toBeNull();
  });
  it("is matched exactly; a missing, null or malformed Origin is not the site's", () => {
    const site = "https://news.example.org";
    expect(isSiteOrigin("https://news.example.org", site)).toBe(true);
    for (const origin of [undefined, "null", "", "::::", "http://news.example.org", "https://news.example.org.evil.example", "http://evil.example"]) {
      expect(isSiteOrigin(origin, site), String(origin)).toBe(false);
    }
    expect(isSiteOrigin("http://localhost:3000", null)).toBe(false);
  });
});

describe("forwarded headers", () => {
  it("are dropped unless a proxy is trusted", () => {
    const sent = () => ({ host: "localhost:3000", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-for": "1.2.3.4" });
    const untrusted: Headers = sent();
    dropUntrustedForwardedHeaders(untrusted, 0);
    expect(untrusted).toEqual({ host: "localhost:3000", "x-forwarded-for": "1.2.3.4" });
    const trusted: Headers = sent();
    dropUntrustedForwardedHeaders(trusted, 1);
    expect(trusted).toEqual(sent());
  });
  it("give the scheme only through a trusted proxy", () => {
    expect(requestScheme({ "x-forwarded-proto": "https" }, 0)).toBe("http");
    expect(requestScheme({ "x-forwarded-proto": "https" }, 1)).toBe("https");
    expect(requestScheme({ "x-forwarded-proto": "HTTPS, http" }, 2)).toBe("https");
    expect(requestScheme({ "x-forwarded-proto": "gopher" }, 1)).toBe("http");
    expect(requestScheme({}, 1)).toBe("http");
  });
});

describe("malformedActionBody", () => {
  // As browsers make them (a one-letter boundary would appear inside the values).
  const BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
  const fetchAction = (contentType: string): Headers => ({ "next-action": "00ab", "content-type": contentType });
  const multipart = (parts: [string, string][], boundary = BOUNDARY) =>
    Buffer.from(parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`);
  const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

  it("accepts what React's client sends: JSON text, or multipart with JSON in its numbered fields", async () => {
    expect(await malformedActionBody(Buffer.from('[null,{"a":"$K1"}]'), fetchAction("text/plain;charset=UTF-8"))).toBeNull();
    const values = ["$$dollar", "$undefined", "$Infinity", "$-Infinity", "$-0", "$NaN", "$D2026-12-02T00:00:00.000Z", "$n12345678901234567890", "$T", "$K3"];
    expect(await malformedActionBody(Buffer.from(JSON.stringify(values)), fetchAction("text/plain;charset=UTF-8"))).toBeNull();
    expect(await malformedActionBody(multipart([["0", '["$@1","$Q2","$3"]'], ["1", '"a"'], ["2", "[]"], ["3", '{"b":"$@1"}']]), fetchAction(MULTIPART))).toBeNull();
    expect(await malformedActionBody(multipart([["0", '["$K1"]'], ["1_name", "not json, a form value"]]), fetchAction(MULTIPART))).toBeNull();
    expect(await malformedActionBody(multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"00ab","bound":null}'], ["name", "x"]]), { "content-type": MULTIPART })).toBeNull();
    expect(await malformedActionBody(multipart([["name", "a plain form post"]]), { "content-type": MULTIPART })).toBeNull();
  });

  it.each([
    ["JSON text that is not JSON", Buffer.from("{{{not json"), fetchAction("text/plain;charset=UTF-8")],
    ["an empty body", Buffer.alloc(0), fetchAction("text/plain;charset=UTF-8")],
    ["multipart that ends early", Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1]`), fetchAction(MULTIPART)],
    ["multipart without a boundary", multipart([["0", "[1]"]]), fetchAction("multipart/form-data")],
    ["multipart whose root is not JSON", multipart([["0", "{x"]]), fetchAction(MULTIPART)],
    ["multipart without a root", multipart([["1", "[1]"]]), fetchAction(MULTIPART)],
    ["a form post whose bound arguments are not JSON", multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", "{x"]]), { "content-type": MULTIPART }],
    ["a form post that is not multipart", Buffer.from("garbage"), { "content-type": MULTIPART }],
    ["references to parts that were not sent", Buffer.from('["$K9","$Q7","$@5"]'), fetchAction("text/plain;charset=UTF-8")],
    ["a reference with an unknown type", Buffer.from('["$Z1"]'), fetchAction("text/plain;charset=UTF-8")],
    ["a big number that is not one", Buffer.from('["$n1.5"]'), fetchAction("text/plain;charset=UTF-8")],
    ["a multipart reference to a missing part", multipart([["0", '["$@1","$@2"]'], ["1", "null"]]), fetchAction(MULTIPART)],
    ["a form post's bound arguments referring to a missing part", multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"00ab","bound":"$@1"}']]), { "content-type": MULTIPART }],
  ])("refuses %s", async (_name, body, headers) => {
    expect(await malformedActionBody(body, headers)).toMatch(/^The server action's/);
  });

  it("leaves URL-encoded bodies to Next (it answers 404 for them itself)", async () => {
    expect(await malformedActionBody(Buffer.from("a=%zz"), fetchAction("application/x-www-form-urlencoded"))).toBeNull();
  });
});
