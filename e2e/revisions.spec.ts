import { expect } from "@playwright/test";
import { test, uniqueHeadline } from "./support";

test("a writer compares two revisions and restores the old one as a new revision", async ({ signedIn }) => {
  const headline = uniqueHeadline("Revision history");
  const page = await signedIn("writer");
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline").fill(headline);
  await page.getByRole("textbox", { name: "Release text" }).click();
  await page.keyboard.type("The original paragraph of the release.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  const editorUrl = page.url();

  const body = page.getByRole("textbox", { name: "Release text" });
  await body.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("The rewritten paragraph of the release.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-status")).toContainText("Saved");

  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(headline);
  await expect(page.getByRole("rowheader", { name: /Revision 2/ })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /Revision 1/ })).toBeVisible();
  await page.getByRole("link", { name: "Changes in this revision (2)" }).click();
  await expect(page.locator("del").filter({ hasText: "original" }).first()).toBeVisible();
  await expect(page.locator("ins").filter({ hasText: "rewritten" }).first()).toBeVisible();

  await page.getByRole("button", { name: "Restore this revision (revision 1)" }).click();
  await expect(page).toHaveURL(editorUrl);
  await expect(page.getByRole("textbox", { name: "Release text" })).toContainText("The original paragraph of the release.");
  await expect(page.getByText("revision 3")).toBeVisible();
});
