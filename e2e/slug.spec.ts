import { expect } from "@playwright/test";
import { test, uniqueHeadline } from "./support";

test("a web address changed before publication keeps answering, with a permanent redirect to the new one", async ({ signedIn, request }) => {
  const headline = uniqueHeadline("Address change");
  const page = await signedIn("writer");
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline").fill(headline);
  await page.getByRole("textbox", { name: "Release text" }).click();
  await page.keyboard.type("A release whose address changes once.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  const releaseUrl = page.url();
  const oldSlug = await page.getByLabel("Web address").inputValue();
  const newSlug = `${oldSlug}-renamed`;

  await page.getByLabel("Web address").fill("Not A Valid Address");
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page.getByTestId("slug-error")).toContainText("lowercase letters, digits and single dashes");
  await page.getByLabel("Web address").fill(newSlug);
  await page.getByRole("button", { name: "Change address" }).click();
  await expect(page.getByTestId("slug-saved")).toHaveText(`The address is now /releases/${newSlug}.`);
  await expect(page.getByLabel("Web address")).toHaveValue(newSlug);
  await page.getByRole("button", { name: "Submit for review", exact: true }).click();
  await expect(page.getByTestId("release-status")).toHaveText("In review");

  const editor = await signedIn("editor");
  await editor.goto(releaseUrl);
  await editor.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(editor.getByTestId("release-status")).toHaveText("Approved");
  await editor.getByRole("button", { name: "Publish now", exact: true }).click();
  await expect(editor.getByTestId("release-status")).toHaveText("Published");
  await expect(editor.getByText(`/releases/${newSlug}`)).toBeVisible();
  await editor.context().close();

  const moved = await request.get(`/releases/${oldSlug}`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(new URL(moved.headers().location!, "http://x").pathname).toBe(`/releases/${newSlug}`);
  expect((await request.get(`/releases/${newSlug}`)).status()).toBe(200);
});
