import { expect } from "@playwright/test";
import { press, test, uniqueHeadline, writeRelease } from "./support";

test("writer drafts and submits; editor approves and publishes; the public reads it; RSS carries it", async ({ signedIn, browser, request }) => {
  const headline = uniqueHeadline("Office announces public briefings");
  const page = await signedIn("writer");
  const id = await writeRelease(page, headline);

  const slug = (await page.getByRole("textbox", { name: "Headline" }).inputValue()).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect((await request.get(`/releases/${slug}`)).status()).toBe(404);

  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish now" })).toHaveCount(0);

  const editor = await signedIn("editor");
  const waiting = editor.getByRole("region", { name: /Waiting for review/ });
  await waiting.getByRole("link", { name: headline }).click();
  await expect(editor).toHaveURL(new RegExp(`/desk/releases/${id}$`));
  await press(editor, "Approve");
  await expect(editor.getByTestId("release-status")).toHaveText("Approved");
  await press(editor, "Publish now");
  await expect(editor.getByTestId("release-status")).toHaveText("Published");
  await expect(editor.getByRole("link", { name: "Live on the public site" })).toBeVisible();
  await editor.context().close();

  const reader = await browser.newContext();
  const publicPage = await reader.newPage();
  await publicPage.goto("/");
  await publicPage.getByRole("link", { name: headline }).click();
  await expect(publicPage.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(publicPage.getByRole("heading", { level: 2, name: "Key points" })).toBeVisible();
  await expect(publicPage.getByRole("listitem").filter({ hasText: "Open to accredited media" })).toBeVisible();
  await expect(publicPage.locator("blockquote")).toContainText("We want to be easy to reach.");
  await reader.close();

  const feed = await request.get("/feed.xml");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/rss+xml");
  const xml = await feed.text();
  expect(xml).toContain(`<title>${headline}</title>`);
  expect(xml).toContain("Briefings every month");
  const { XMLValidator } = await import("fast-xml-parser");
  expect(XMLValidator.validate(xml)).toBe(true);
});

test("a writer's direct POST to approve or publish is refused and nothing changes", async ({ signedIn }) => {
  const headline = uniqueHeadline("Refused direct approval");
  const page = await signedIn("writer");
  const id = await writeRelease(page, headline);
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");

  const origin = new URL(page.url()).origin;
  for (const action of ["approve", "publish"]) {
    const response = await page.request.post(`/api/releases/${id}/transitions`, { data: { action, expectedVersion: 2 }, headers: { Origin: origin } });
    expect(response.status()).toBe(403);
  }
  const forged = await page.request.post(`/api/releases/${id}/transitions`, {
    data: { action: "submit", expectedVersion: 2, status: "published" },
    headers: { Origin: origin },
  });
  expect(forged.status()).toBe(422);

  const editor = await signedIn("editor2");
  await editor.goto(`/desk/releases/${id}`);
  await expect(editor.getByTestId("release-status")).toHaveText("In review");
  await expect(editor.getByText("revision 1")).toBeVisible();
  await editor.context().close();
  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect((await page.request.get(`/releases/${slug}`)).status()).toBe(404);
});

test("a writer who tampers with the workflow form to publish is refused", async ({ signedIn }) => {
  const page = await signedIn("writer2");
  await writeRelease(page, uniqueHeadline("Tampered form"));
  await page.getByRole("button", { name: "Submit for review" }).evaluate((button) => ((button as HTMLButtonElement).value = "publish"));
  await press(page, "Submit for review");
  await expect(page.getByTestId("workflow-error")).toHaveText("Only an editor can publish.");
  await page.reload();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
});

test("an editor cannot approve a release they wrote", async ({ signedIn }) => {
  const page = await signedIn("editor");
  const id = await writeRelease(page, uniqueHeadline("Editor's own release"));
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);

  const response = await page.request.post(`/api/releases/${id}/transitions`, {
    data: { action: "approve", expectedVersion: 2 },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toBe("You wrote part of this version, so someone else must approve it.");
  await page.reload();
  await expect(page.getByTestId("release-status")).toHaveText("In review");
});
