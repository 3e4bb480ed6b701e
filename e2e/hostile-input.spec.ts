import { expect, type Page } from "@playwright/test";
import { HOSTILE_PATHS, HOSTILE_TEXT } from "../tests/support/hostile-input";
import { ACCOUNTS } from "./accounts";
import { press, test, uniqueHeadline, writeRelease } from "./support";

const EVIL = "http://evil.example";

test("addresses that do not decode, or decode to control characters, answer 400 before reaching the app", async ({ request }) => {
  for (const path of HOSTILE_PATHS) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
});

test("hostile query values on every public route answer without a server error", async ({ request }) => {
  const query = "q=%00&topic=%00&type=%ff&lang=%00&cursor=%ff&year=%00&page=%00";
  for (const path of ["/", "/archive", "/archive/2026", "/archive/2026/01", "/search", "/topics", "/about", "/feed.xml", "/feed.json", "/atom.xml", "/sitemap.xml", "/login"]) {
    const response = await request.get(`${path}?${query}`, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(500);
  }
});

test("sign-in with hostile text in the email is refused, never a server error", async ({ request, baseURL }) => {
  for (const { sent } of HOSTILE_TEXT) {
    const response = await request.post("/api/session", { data: { email: `${ACCOUNTS.locked.email}${sent}`, password: "not the password" }, headers: { Origin: baseURL! } });
    expect(response.status(), JSON.stringify(sent)).toBe(401);
  }
  const notJson = await request.post("/api/session", { data: "\u0000", headers: { "Content-Type": "application/json", Origin: baseURL! } });
  expect(notJson.status()).toBe(400);
});

test("server actions from another origin get 403, and unreadable ones 400, before Next sees them", async ({ request, baseURL }) => {
  const action = (origin: string | undefined, body: string, headers: Record<string, string> = {}) =>
    request.post("/login", { data: body, maxRedirects: 0, headers: { "Next-Action": "00a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4", "Content-Type": "text/plain;charset=UTF-8", ...(origin ? { Origin: origin } : {}), ...headers } });
  expect((await action(EVIL, "[]")).status()).toBe(403);
  expect((await action(EVIL, "[]", { "X-Forwarded-Host": "evil.example" })).status()).toBe(403);
  expect((await action(undefined, "[]")).status()).toBe(403);
  expect((await action("::::", "[]")).status()).toBe(403);
  expect((await action(baseURL, "{{{not json")).status()).toBe(400);
  expect((await action(baseURL, '["$@5"]')).status()).toBe(400);
  expect((await action(baseURL, "--x\r\nbroken", { "Content-Type": "multipart/form-data; boundary=x" })).status()).toBe(400);
  const form = await request.post("/login", { multipart: { name: "x" }, headers: { Origin: EVIL }, maxRedirects: 0 });
  expect(form.status()).toBe(403);
});

/** The release as the desk sees it now. */
async function statusOf(page: Page, id: string) {
  const response = await page.request.get(`/api/releases/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { status: string; version: number };
}

test("an editor's session with another site's Origin and a forged X-Forwarded-Host publishes nothing, by API or server action", async ({ signedIn, baseURL }) => {
  const headline = uniqueHeadline("Forged forwarding");
  const page = await signedIn("writer");
  const id = await writeRelease(page, headline);
  await page.close();

  const editor = await signedIn("editor");
  const transition = (data: Record<string, unknown>, headers: Record<string, string>) => editor.request.post(`/api/releases/${id}/transitions`, { data, headers });
  expect((await transition({ action: "submit", expectedVersion: 1 }, { Origin: baseURL! })).status()).toBe(200);
  expect((await transition({ action: "approve", expectedVersion: 2 }, { Origin: baseURL! })).status()).toBe(200);

  const forged = { Origin: EVIL, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http" };
  expect((await transition({ action: "publish", expectedVersion: 3 }, forged)).status()).toBe(403);
  expect(await statusOf(editor, id)).toMatchObject({ status: "approved", version: 3 });

  // The browser's own "Publish now" request, caught before it leaves, then replayed with forged headers.
  await editor.goto(`/desk/releases/${id}`);
  let captured: { url: string; headers: Record<string, string>; body: string } | null = null;
  await editor.route(`**/desk/releases/${id}`, async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { url: request.url(), headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
    } else await route.continue();
  });
  await press(editor, "Publish now");
  await expect.poll(() => captured !== null).toBe(true);
  const publishAction = captured!;
  const replay = (headers: Record<string, string>) =>
    editor.request.post(publishAction.url, {
      data: publishAction.body,
      headers: { "Next-Action": publishAction.headers["next-action"]!, "Content-Type": publishAction.headers["content-type"]!, Accept: "text/x-component", ...headers },
      maxRedirects: 0,
    });
  expect((await replay(forged)).status()).toBe(403);
  expect(await statusOf(editor, id)).toMatchObject({ status: "approved", version: 3 });
  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect((await editor.request.get(`/releases/${slug}`)).status()).toBe(404);

  // The same request from the site itself does publish: the refusals above were about the origin.
  expect((await replay({ Origin: baseURL! })).status()).toBe(200);
  await expect.poll(async () => (await statusOf(editor, id)).status).toBe("published");
});
