import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("isSameOrigin", () => {
  it("accepts the site's own origin", () => {
    expect(isSameOrigin(headers({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(true);
  });
  it("accepts a configured public origin behind a proxy", () => {
    expect(isSameOrigin(headers({ origin: "https://news.example.org", host: "127.0.0.1:3000" }), ["https://news.example.org/"])).toBe(true);
  });
  it.each([
    [{ host: "localhost:3000" }],
    [{ origin: "null", host: "localhost:3000" }],
    [{ origin: "http://evil.example", host: "localhost:3000" }],
    [{ origin: "https://localhost:3000", host: "localhost:3000" }],
  ])("refuses %o", (values) => {
    expect(isSameOrigin(headers(values))).toBe(false);
  });
});
