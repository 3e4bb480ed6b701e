import { describe, expect, it } from "vitest";
import { OPEN_REDIRECT_PAYLOADS } from "./open-redirect-payloads";
import { safeRedirectPath } from "./safe-redirect";

const SITE = "http://localhost:3000";

/** Where a browser goes for a Location header or router.replace() with this value, from a page on SITE. */
function destination(value: string): URL {
  return new URL(value, `${SITE}/login`);
}

describe("safeRedirectPath", () => {
  it.each(["/desk", "/desk/releases/abc?tab=1#x", "/", "/desk/releases/new?q=a%2Fb"])("keeps the same-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it("normalises dot segments that stay on the site", () => {
    expect(safeRedirectPath("/desk/../desk/audit")).toBe("/desk/audit");
  });

  it("has a corpus of at least 40 hostile payloads", () => {
    expect(OPEN_REDIRECT_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(OPEN_REDIRECT_PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))("never leaves the site for %s", (_label, payload) => {
    const result = safeRedirectPath(payload);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(result).not.toMatch(/\\/);
    expect(destination(result).origin).toBe(SITE);
    // What comes back reads the same when checked again: the check holds on the value returned.
    expect(safeRedirectPath(result)).toBe(result);
  });

  it.each([42, null, undefined, {}, "", "x".repeat(2001)])("falls back for %s", (value) => {
    expect(safeRedirectPath(value)).toBe("/desk");
  });

  it("refuses the normalised //evil.example of /..//evil.example (the reported bypass)", () => {
    expect(safeRedirectPath("/..//evil.example")).toBe("/desk");
    expect(safeRedirectPath("/./..//evil.example")).toBe("/desk");
  });
});
