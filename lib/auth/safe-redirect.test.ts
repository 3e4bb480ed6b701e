import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each(["/desk", "/desk/releases/abc?tab=1#x", "/"])("keeps the same-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });
  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "desk",
    "",
    "/\tevil",
    "/%0d%0aSet-Cookie:x",
    42,
    null,
  ])("refuses %s", (path) => {
    const result = safeRedirectPath(path);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    if (typeof path === "string" && path.includes("%0d")) expect(result).toBe("/%0d%0aSet-Cookie:x");
    else expect(result).toBe("/desk");
  });
});
