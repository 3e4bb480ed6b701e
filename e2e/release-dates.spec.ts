import { expect, type Page } from "@playwright/test";
import { approveAndPublish, press, test, uniqueHeadline } from "./support";

// The e2e organisation sits in Europe/Zurich; a zone west of UTC is where a calendar date read as an
// instant used to slip to the day before.
const WEST = "America/New_York";
const HOME = "Europe/Zurich";

async function setOrganisationZone(page: Page, zone: string) {
  await page.goto("/desk/settings");
  await page.getByLabel("Time zone").fill(zone);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
}

test("a release dated 26 February 2019 reads 26 February 2019 and files under 2019 in a zone west of UTC", async ({ signedIn, browser }) => {
  test.setTimeout(120_000);
  const admin = await signedIn("admin");
  await setOrganisationZone(admin, WEST);
  try {
    const writer = await signedIn("writer");
    const headline = uniqueHeadline("Back-filled statement");
    await writer.goto("/desk/releases/new");
    await writer.getByLabel("Headline").fill(headline);
    await writer.getByRole("textbox", { name: "Release text" }).click();
    await writer.keyboard.type("An archive entry from 2019, published today.");
    await press(writer, "Create draft");
    await expect(writer.getByTestId("release-status")).toHaveText("Draft");
    await writer.getByLabel("Date", { exact: true }).fill("2019-02-26");
    await expect(writer.getByTestId("save-status")).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 20_000 });
    await press(writer, "Submit for review");
    await expect(writer.getByTestId("release-status")).toHaveText("In review");
    const releaseId = writer.url().split("/").pop()!;
    await approveAndPublish(browser, releaseId);

    await writer.goto(`/desk/releases/${releaseId}`);
    const publicPath = await writer.getByRole("link", { name: "Live on the public site" }).getAttribute("href");
    const reader = await (await browser.newContext()).newPage();
    // Public pages run no script (scripts/public-html.mjs): nothing may reach the console.
    const problems: string[] = [];
    reader.on("pageerror", (error) => problems.push(error.message));
    reader.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });

    await reader.goto(publicPath!);
    const article = reader.getByRole("article");
    await expect(article).toContainText("26 February 2019");
    await expect(article).not.toContainText("25 February 2019");
    await expect(reader.locator(`time[datetime="2019-02-26"]`).first()).toBeVisible();
    await reader.screenshot({ path: test.info().outputPath("release-dated-2019-new-york.png"), fullPage: true });

    await reader.goto("/archive/2019");
    await expect(reader.getByRole("link", { name: headline })).toBeVisible();
    await reader.goto("/archive/2019/02");
    await expect(reader.getByRole("link", { name: headline })).toBeVisible();
    await expect(reader.getByRole("main")).toContainText("26 February 2019");

    const rss = await (await reader.request.get("/feed.xml")).text();
    const item = rss.split("<item>").find((part) => part.includes(headline));
    expect(item).toContain("<pubDate>Tue, 26 Feb 2019 00:00:00 -0500</pubDate>");
    const json = (await (await reader.request.get("/feed.json")).json()) as { items: { title: string; date_published: string }[] };
    expect(json.items.find((entry) => entry.title === headline)?.date_published).toBe("2019-02-26T00:00:00.000-05:00");
    expect(problems).toEqual([]);
  } finally {
    await setOrganisationZone(admin, HOME);
  }
});
