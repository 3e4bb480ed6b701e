import { expect, test } from "@playwright/test";
import { OPEN_REDIRECT_PAYLOADS } from "../lib/auth/open-redirect-payloads";
import { ACCOUNTS, E2E_PASSWORD, ONE_TIME } from "./accounts";
import { signIn, signOut } from "./support";

test("a staff member signs in, reaches the desk and signs out", async ({ page }) => {
  await signIn(page, "writer");
  await expect(page.getByRole("banner")).toContainText(ACCOUNTS.writer.name);
  await signOut(page);
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdesk/);
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ACCOUNTS.editor2.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const message = page.getByTestId("sign-in-error");
  await expect(message).toHaveText("That email and password do not match an active account.");

  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(message).toHaveText("That email and password do not match an active account.");
  await expect(page).toHaveURL(/\/login/);
});

test("the sixth failed sign-in for an account is refused with 429 and Retry-After, even with the right password", async ({ page }) => {
  const attempt = (password: string) =>
    page.request.post("/api/session", {
      data: { email: ACCOUNTS.locked.email, password },
      headers: { Origin: new URL(page.context().pages()[0]?.url() || "http://localhost:3100").origin },
    });
  await page.goto("/login");
  for (let failure = 1; failure <= 5; failure += 1) expect((await attempt(`wrong-${failure}`)).status()).toBe(401);
  const refused = await attempt(E2E_PASSWORD);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  await page.getByLabel("Email").fill(ACCOUNTS.locked.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Too many failed sign-ins. Wait a few minutes and try again.");
});

test("a sign-in posted from another site is refused", async ({ request }) => {
  const response = await request.post("/api/session", {
    data: { email: ACCOUNTS.writer.email, password: E2E_PASSWORD },
    headers: { Origin: "https://evil.example" },
  });
  expect(response.status()).toBe(403);
});

test("after sign-in the redirect stays on this site", async ({ page }) => {
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByLabel("Email").fill(ACCOUNTS.writer2.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/desk$/);
});

test("no redirect after sign-in leaves the site, whatever the callbackUrl", async ({ request, baseURL }) => {
  const site = new URL(baseURL!).origin;
  const onSite = (location: string) => {
    expect(location.startsWith("//")).toBe(false);
    expect(new URL(location, `${site}/login`).origin).toBe(site);
  };
  for (const payload of OPEN_REDIRECT_PAYLOADS) {
    const answer = await request.post("/api/session", {
      data: { email: ACCOUNTS.writer2.email, password: E2E_PASSWORD, callbackUrl: payload },
      headers: { Origin: site },
    });
    // A refusal of the input is as safe as a redirect home; anything else is a failure.
    if (answer.status() === 400) continue;
    expect(answer.status(), JSON.stringify(payload)).toBe(200);
    onSite(((await answer.json()) as { redirectTo: string }).redirectTo);
  }
  // Signed in (the request context keeps the session cookie): /login sends staff straight on.
  for (const payload of OPEN_REDIRECT_PAYLOADS) {
    const answer = await request.get(`/login?callbackUrl=${encodeURIComponent(payload)}`, { maxRedirects: 0 });
    expect([303, 307], JSON.stringify(payload)).toContain(answer.status());
    onSite(answer.headers()["location"] ?? "");
  }
});

test("a one-time password must be changed before anything else", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2Fdesk%2Freleases%2Fnew");
  await page.getByLabel("Email").fill(ONE_TIME.email);
  await page.getByLabel("Password").fill(ONE_TIME.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/desk\/password/);
  await page.goto("/desk/releases/new");
  await expect(page).toHaveURL(/\/desk\/password/);

  await page.getByLabel("Current password").fill(ONE_TIME.password);
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-passphrase-2026");
  await page.getByLabel("Confirm new password").fill("a-brand-new-passphrase-2026");
  await page.getByRole("button", { name: /change password/i }).click();
  await expect(page.getByRole("heading", { name: "Desk", exact: true })).toBeVisible();
  await page.goto("/desk/releases/new");
  await expect(page.getByRole("heading", { name: "New release" })).toBeVisible();
});
