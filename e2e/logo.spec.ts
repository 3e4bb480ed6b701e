import path from "node:path";
import { expect } from "@playwright/test";
import { test } from "./support";

test("an admin uploads the organisation's logo; the public site shows it to everyone, and removing it takes it down", async ({ signedIn, browser }) => {
  const page = await signedIn("admin");
  await page.goto("/desk/settings");
  await page.getByLabel("Upload an image (PNG, JPEG, GIF or WebP)").setInputFiles(path.join(__dirname, "fixtures", "red-8x6.png"));
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  const logo = page.getByRole("img", { name: "Current logo" });
  await expect(logo).toBeVisible();
  const src = (await logo.getAttribute("src"))!;

  const reader = await browser.newContext();
  const publicPage = await reader.newPage();
  await publicPage.goto("/");
  await expect(publicPage.getByRole("banner").locator(`img[src="${src}"]`)).toBeVisible();
  const image = await publicPage.request.get(src);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");

  await page.getByRole("checkbox", { name: "Remove the logo" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("No logo yet")).toBeVisible();
  await publicPage.goto("/");
  await expect(publicPage.getByRole("banner").locator("img")).toHaveCount(0);
  expect((await publicPage.request.get(src)).status()).toBe(404);
  await reader.close();
});
