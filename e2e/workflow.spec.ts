import { expect, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { focusText, moveCaret, test, uniqueHeadline } from "./support";

const ZONE = "Europe/Zurich";

async function press(page: Page, name: string) {
  await page.getByRole("button", { name, exact: true }).click();
}

test("review round trip, then a scheduled release goes out with nobody touching it", async ({ signedIn, request }) => {
  test.setTimeout(180_000);
  const headline = uniqueHeadline("Scheduled briefing");

  const page = await signedIn("writer2");
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline").fill(headline);
  await page.getByRole("textbox", { name: "Release text" }).click();
  await page.keyboard.type("The Office will brief the press next week.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  const releaseUrl = page.url();
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");

  const editor = await signedIn("editor2");
  await editor.goto(releaseUrl);
  await press(editor, "Request changes");
  await expect(editor.getByTestId("workflow-error")).toHaveText("Say what needs to change.");
  await editor.getByLabel("Comment or reason").fill("Please add the date of the briefing.");
  await press(editor, "Request changes");
  await expect(editor.getByTestId("release-status")).toHaveText("Changes requested");

  await page.reload();
  await expect(page.getByTestId("release-status")).toHaveText("Changes requested");
  await focusText(page, page.getByRole("textbox", { name: "Release text" }));
  await moveCaret(page, "End");
  await page.keyboard.type(" It takes place on Tuesday.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toContainText("Saved");
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");

  await editor.reload();
  await press(editor, "Approve");
  await expect(editor.getByTestId("release-status")).toHaveText("Approved");

  await page.reload();
  await expect(page.getByRole("button", { name: "Publish now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Schedule" })).toHaveCount(0);

  const at = DateTime.now().setZone(ZONE).plus({ minutes: 1 }).startOf("minute");
  await editor.getByLabel(/Publish or embargo until/).fill(at.toFormat("yyyy-LL-dd'T'HH:mm"));
  await press(editor, "Schedule");
  await expect(editor.getByTestId("release-status")).toHaveText("Scheduled");
  await editor.context().close();

  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  expect((await request.get(`/releases/${slug}`)).status()).toBe(404);
  expect(await (await request.get("/feed.xml")).text()).not.toContain(headline);

  await expect
    .poll(async () => (await request.get(`/releases/${slug}`)).status(), { timeout: 120_000, intervals: [2_000] })
    .toBe(200);
  expect(await (await request.get("/feed.xml")).text()).toContain(headline);
  const home = await request.get("/");
  expect(await home.text()).toContain(headline);
});
