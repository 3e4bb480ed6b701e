import { expect, type Browser, type Page } from "@playwright/test";
import { pageAs, press, uniqueHeadline } from "./support";

/** The one CSP of public pages: no nonce, no hash, no 'unsafe-inline' (lib/security/headers.ts). */
export const PUBLIC_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const WORDS = "ministers agreed a programme of coastal repairs, school meals and rural broadband for every region".split(" ");

/** About 1,000 words in ten paragraphs, each paragraph told apart by its number. */
export function longParagraphs(marker: string): string[] {
  return Array.from({ length: 10 }, (_, paragraph) => {
    const words = Array.from({ length: 98 }, (_, i) => WORDS[(i + paragraph) % WORDS.length]);
    return `Paragraph ${paragraph + 1} ${marker}: ${words.join(" ")}.`;
  });
}

export type PublishedRelease = { headline: string; slug: string; marker: string; paragraphs: string[] };

const slugOf = (headline: string) => headline.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/**
 * A writer writes a release of about 1,000 words (a statement on public health unless told otherwise),
 * an editor approves and publishes it; `retract` then retracts it with a reason.
 */
export async function publishStatement(
  browser: Browser,
  prefix: string,
  options: { retract?: string; type?: string; topic?: string } = {},
): Promise<PublishedRelease> {
  const headline = uniqueHeadline(prefix);
  const marker = headline.split(" ").pop()!;
  const paragraphs = longParagraphs(marker);
  const writer = await pageAs(browser, "writer");
  await writer.goto("/desk/releases/new");
  await writer.getByLabel("Headline").fill(headline);
  await writer.getByRole("textbox", { name: "Release text" }).click();
  for (const [index, paragraph] of paragraphs.entries()) {
    if (index > 0) await writer.keyboard.press("Enter");
    await writer.keyboard.insertText(paragraph);
  }
  await press(writer, "Create draft");
  await expect(writer.getByTestId("release-status")).toHaveText("Draft");
  const releaseUrl = writer.url();
  await writer.getByLabel("Type", { exact: true }).selectOption({ label: options.type ?? "Statement" });
  await writer.getByRole("checkbox", { name: options.topic ?? "Public health" }).check();
  await expect(writer.getByTestId("save-status")).toHaveText(/^Saved \d\d:\d\d$/, { timeout: 20_000 });
  await press(writer, "Submit for review");
  await expect(writer.getByTestId("release-status")).toHaveText("In review");
  await writer.context().close();

  const editor = await pageAs(browser, "editor");
  await editor.goto(releaseUrl);
  await press(editor, "Approve");
  await expect(editor.getByTestId("release-status")).toHaveText("Approved");
  await press(editor, "Publish now");
  await expect(editor.getByTestId("release-status")).toHaveText("Published");
  if (options.retract) {
    await editor.getByLabel("Comment or reason").fill(options.retract);
    await press(editor, "Retract");
    await expect(editor.getByTestId("release-status")).toHaveText("Retracted");
  }
  await editor.context().close();
  return { headline, slug: slugOf(headline), marker, paragraphs };
}

/** The archive's year and month addresses, read from the archive itself (the organisation's calendar). */
export async function archiveAddresses(page: Page): Promise<{ year: string; month: string }> {
  await page.goto("/archive");
  const year = (await page.locator('main a[href^="/archive/"]').first().getAttribute("href"))!;
  await page.goto(year);
  const month = (await page.locator(`main a[href^="${year}/"]`).first().getAttribute("href"))!;
  return { year, month };
}
