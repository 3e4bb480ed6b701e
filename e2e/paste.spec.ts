import { expect, type Locator, type Page } from "@playwright/test";
import { focusText, test, uniqueHeadline } from "./support";

/** A whole release as an e-mail carries it: letterhead, type, date and reference lines, headline, text. */
function wholeRelease(headline: string): string {
  return [
    "Ministry of Examples",
    "Press Office",
    "12 Avenue of the Example, 1200 Geneva",
    "",
    "PRESS RELEASE",
    "",
    "Geneva, 3 March 2019",
    "No. 2019/12",
    "",
    headline,
    "",
    "The Ministry of Examples today launched a fund for coastal communities.",
    "",
    "The fund supports:",
    "- field surveys of coastal examples;",
    "- training for volunteers.",
    "",
    "Guidelines: https://example.org/fund/guidelines",
  ].join("\n");
}

function body(page: Page): Locator {
  return page.getByRole("textbox", { name: "Release text" });
}

/** Pastes plain text into the release text as the browser would: a paste event carrying a DataTransfer. */
async function pastePlainText(page: Page, text: string) {
  await focusText(page, body(page));
  await page.evaluate((plain) => {
    const target = document.querySelector('[role="textbox"][aria-label="Release text"]');
    if (!target) throw new Error("no editor");
    const data = new DataTransfer();
    data.setData("text/plain", plain);
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function expectListAndLink(text: Locator) {
  await expect(text.locator("ul > li")).toHaveText(["field surveys of coastal examples;", "training for volunteers."]);
  await expect(text.locator('a[href="https://example.org/fund/guidelines"]')).toHaveText("https://example.org/fund/guidelines");
}

test("a whole release pasted as plain text into New release fills in its details and sets the letterhead aside", async ({ signedIn }) => {
  const headline = uniqueHeadline("Fund for coastal examples");
  const page = await signedIn("writer");
  await page.goto("/desk/releases/new");
  await pastePlainText(page, wholeRelease(headline));

  const offer = page.getByRole("region", { name: "Whole release pasted" });
  await expect(offer).toContainText("This looks like a whole release: fill in the headline, release date, type, dateline, reference and language, and set the letterhead aside?");
  await expect(offer).toContainText("Ministry of Examples / Press Office / 12 Avenue of the Example, 1200 Geneva");
  // Until the offer is taken, the text is there as pasted, with its list and link already recognised.
  await expect(body(page)).toContainText("PRESS RELEASE");
  await expectListAndLink(body(page));

  await offer.getByRole("button", { name: "Fill in the details" }).click();
  await expect(offer).toBeHidden();
  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue(headline);
  await expect(page.getByLabel("Release date")).toHaveValue("2019-03-03");
  await expect(page.getByLabel("Dateline (place)")).toHaveValue("Geneva");
  await expect(page.getByLabel("Reference")).toHaveValue("2019/12");
  await expect(page.getByLabel("Type")).toHaveValue("press-release");
  const text = body(page);
  await expect(text.locator("p").first()).toHaveText("The Ministry of Examples today launched a fund for coastal communities.");
  await expectListAndLink(text);
  for (const gone of ["Press Office", "12 Avenue of the Example", "PRESS RELEASE", "3 March 2019", "2019/12", headline]) {
    await expect(text).not.toContainText(gone);
  }

  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/desk\/releases\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue(headline);
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2019-03-03");
  await expect(page.getByLabel("Reference number")).toHaveValue("2019/12");
  await expectListAndLink(body(page));
  await expect(body(page)).not.toContainText("Press Office");
});

test("declining the offer keeps the paste as it was, with lists and links recognised", async ({ signedIn }) => {
  const headline = uniqueHeadline("Declined release");
  const page = await signedIn("writer");
  await page.goto("/desk/releases/new");
  await pastePlainText(page, wholeRelease(headline));

  const offer = page.getByRole("region", { name: "Whole release pasted" });
  await offer.getByRole("button", { name: "Keep as pasted" }).click();
  await expect(offer).toBeHidden();
  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Release date")).toHaveCount(0);
  const text = body(page);
  await expect(text).toContainText("Ministry of Examples");
  await expect(text).toContainText("PRESS RELEASE");
  await expect(text).toContainText(headline);
  await expectListAndLink(text);
  await expect(body(page)).toBeFocused();
});

test("in a draft, the filled-in details are saved by autosave like any edit", async ({ signedIn }) => {
  const headline = uniqueHeadline("Pasted into a draft");
  const page = await signedIn("writer");
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline", { exact: true }).fill("Placeholder headline");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/desk\/releases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("toolbar", { name: "Formatting" }).first()).toBeVisible();

  await pastePlainText(page, wholeRelease(headline));
  await page.getByRole("region", { name: "Whole release pasted" }).getByRole("button", { name: "Fill in the details" }).click();
  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue(headline);
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2019-03-03");
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 15_000 });

  await page.reload();
  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue(headline);
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2019-03-03");
  await expect(page.getByLabel("Dateline", { exact: true })).toHaveValue("Geneva");
  await expectListAndLink(body(page));
  await expect(body(page)).not.toContainText("Press Office");
});
