import { expect } from "@playwright/test";
import { publishStatement, type PublishedRelease } from "./public-pages";
import { test } from "./support";

// A reader whose browser runs no JavaScript reads, searches and filters the newsroom like anyone else:
// every public page is plain HTML, its forms are GET forms and its links plain links.

test.describe.configure({ mode: "serial" });

let release: PublishedRelease;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  release = await publishStatement(browser, "Rural broadband statement");
  // Another type and topic, so that the filters have a choice to offer.
  await publishStatement(browser, "Trade mission press release", { type: "Press release", topic: "Trade" });
});

test("without JavaScript a release shows its whole text, and readers can search and filter", async ({ browser }) => {
  // A context of its own: test.use() would switch JavaScript off for the desk pages that publish, too.
  const reader = await browser.newContext({ javaScriptEnabled: false });
  const page = await reader.newPage();
  await page.goto(`/releases/${release.slug}`);
  const article = page.getByRole("article");
  await expect(page.getByRole("heading", { level: 1, name: release.headline })).toBeVisible();
  for (const paragraph of release.paragraphs) await expect(article).toContainText(paragraph);

  // The search box in the header: a GET form.
  await page.getByRole("searchbox", { name: "Search releases" }).fill(release.marker);
  await page.getByRole("searchbox", { name: "Search releases" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${release.marker}$`));
  await expect(page.getByRole("status")).toContainText("1 release");
  await page.getByRole("link", { name: release.headline }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${release.slug}$`));

  // A search that finds nothing says so, from the search page's own form.
  await page.goto("/search");
  await page.getByLabel("Words to find").fill("qqxxzz nothing like this");
  await page.getByRole("button", { name: "Search", exact: true }).last().click();
  await expect(page.getByRole("status")).toContainText("No releases match");

  // Filters on the home page: a GET form whose address can be shared.
  await page.goto("/");
  const filters = page.getByRole("search", { name: "Filter releases" });
  await filters.getByLabel("Type").selectOption({ value: "statement" });
  await filters.getByLabel("Topic").selectOption({ value: "public-health" });
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]type=statement/);
  await expect(page).toHaveURL(/[?&]topic=public-health/);
  await expect(page.getByRole("link", { name: release.headline })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/$/);

  // Sections, topics and the archive by plain links.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Topics" }).click();
  await page.getByRole("main").getByRole("link", { name: "Public health", exact: true }).click();
  await expect(page).toHaveURL(/\/topics\/public-health$/);
  await expect(page.getByRole("link", { name: release.headline })).toBeVisible();
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Archive" }).click();
  await page.locator('main a[href^="/archive/"]').first().click();
  await expect(page.getByRole("link", { name: release.headline })).toBeVisible();
  await reader.close();
});
