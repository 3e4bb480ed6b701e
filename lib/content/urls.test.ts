import { describe, expect, it } from "vitest";
import { hrefSchema } from "./href-schema";
import { HREF_SCHEME_ERROR, hrefProblem, isAllowedHref, normalizeHref } from "./urls";

describe("isAllowedHref", () => {
  it.each([
    "https://example.org",
    "https://example.org/press/2025?lang=en#contact",
    "http://example.org/a%20b",
    "HTTPS://EXAMPLE.ORG/",
    "  https://example.org/trimmed  ",
    "mailto:press@example.org",
    "mailto:press@example.org,desk@example.org?subject=Release",
    "tel:+41441234567",
    "tel:+41-44-123-45-67",
    "https://[2001:db8::1]/",
  ])("accepts %j", (href) => {
    expect(isAllowedHref(href)).toBe(true);
  });

  it.each([
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["JAVASCRIPT:alert(1)"],
    ["java\nscript:alert(1)"],
    ["java\tscript:alert(1)"],
    [" javascript:alert(1)"],
    ["\u0001javascript:alert(1)"],
    ["\u200bjavascript:alert(1)"],
    ["javascript&colon;alert(1)"],
    ["&#106;avascript:alert(1)"],
    ["&#x6A;avascript&#x3A;alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["vbscript:msgbox(1)"],
    ["file:///etc/passwd"],
    ["ftp://example.org/file"],
    ["//evil.example/"],
    ["/relative/path"],
    ["relative/page.html"],
    ["#top"],
    ["?q=1"],
    ["example.org"],
    [""],
    ["   "],
    ["https://"],
    ["https:example.org"],
    ["https:///evil.example"],
    ["https:\\\\evil.example"],
    ["https://exa mple.org"],
    ["https://example.org/\"onmouseover=alert(1)"],
    ["https://example.org/<script>"],
    ["https://bank.example@evil.example/"],
    ["https://user:pass@example.org/"],
    ["mailto:"],
    ["mailto:not-an-address"],
    ["tel:"],
    ["tel:call-me"],
    ["tel:+41 44 123 45 67"],
    ["https://example.org/" + "a".repeat(2100)],
  ])("refuses %j", (href) => {
    expect(isAllowedHref(href)).toBe(false);
  });

  it("tolerates non-strings from untyped callers", () => {
    expect(isAllowedHref(undefined as unknown as string)).toBe(false);
    expect(isAllowedHref(null as unknown as string)).toBe(false);
  });
});

describe("hrefProblem", () => {
  it("explains a refused scheme with the standard sentence", () => {
    expect(hrefProblem("javascript:alert(1)")).toBe(HREF_SCHEME_ERROR);
    expect(hrefProblem("/about")).toBe("A link must start with http://, https://, mailto: or tel:");
    expect(hrefProblem("data:text/html,x")).toBe(HREF_SCHEME_ERROR);
  });

  it("gives specific reasons for other problems", () => {
    expect(hrefProblem("")).toBe("Enter a link address.");
    expect(hrefProblem("java\tscript:x")).toBe(
      "A link address cannot contain spaces, invisible characters, quotes, angle brackets or backslashes.",
    );
    expect(hrefProblem("https://a@b.example")).toBe("A web address must not contain a user name or password.");
    expect(hrefProblem("mailto:someone")).toBe("An e-mail link must contain an address, for example mailto:press@example.org.");
    expect(hrefProblem("https://example.org")).toBeNull();
  });
});

describe("normalizeHref", () => {
  it("trims, and removes spaces from phone numbers only", () => {
    expect(normalizeHref("  https://example.org/a  ")).toBe("https://example.org/a");
    expect(normalizeHref(" tel:+41 44 123 45 67 ")).toBe("tel:+41441234567");
    expect(normalizeHref("https://exa mple.org")).toBe("https://exa mple.org");
    expect(isAllowedHref(normalizeHref("tel:+41 44 123 45 67"))).toBe(true);
  });
});

describe("hrefSchema", () => {
  it("parses an allowed address to its trimmed form", () => {
    expect(hrefSchema.parse("  https://example.org/x ")).toBe("https://example.org/x");
    expect(hrefSchema.parse("tel:+41441234567")).toBe("tel:+41441234567");
  });

  it("refuses what z.url() would let through, with our message", () => {
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"]) {
      const result = hrefSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(HREF_SCHEME_ERROR);
    }
    expect(hrefSchema.safeParse(42).success).toBe(false);
  });
});
