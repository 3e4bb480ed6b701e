import { expect, test } from "@playwright/test";

const scriptPolicy = (csp: string) => csp.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src")) ?? "";

test("every kind of response carries the security headers", async ({ request, page }) => {
  for (const path of ["/", "/login", "/feed.xml", "/api/health", "/releases/does-not-exist"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(scriptPolicy(csp), path).not.toContain("unsafe-inline");
    expect(headers["strict-transport-security"], `${path} is served over http`).toBeUndefined();
  }
  const login = await request.get("/login");
  expect(scriptPolicy(login.headers()["content-security-policy"]!)).toMatch(/'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);

  await page.goto("/login");
  const asset = await page.evaluate(() => (document.querySelector("script[src]") as HTMLScriptElement | null)?.src ?? "");
  expect(asset).toContain("/_next/static/");
  const assetResponse = await request.get(asset);
  expect(assetResponse.headers()["x-content-type-options"]).toBe("nosniff");
});

test("HSTS is not switched on by a client's own X-Forwarded-Proto (no trusted proxy here)", async ({ request }) => {
  // With TRUST_PROXY=0 the server drops the header (scripts/server.mjs); behind a trusted proxy it is kept.
  const response = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
});
