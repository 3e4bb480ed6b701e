import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { HtmlValidate } from "html-validate";
import { approveAndPublish, press, test, uniqueHeadline, writeRelease } from "./support";

/**
 * WCAG 2 A and AA (axe) on every kind of page, public and staff, in light and dark mode; and the HTML
 * standard (html-validate's "standard" preset: conformance only, no style opinions) on the public pages.
 * Rules turned off, and why:
 * - html-validate `no-inline-style`: not in the standard preset; Next's own markup sets inline styles.
 * - html-validate `attribute-boolean-style`, `attribute-empty-style`, `void-style`: style rules, not
 *   conformance (React writes `<meta … />` and boolean attributes its own way).
 */
const validator = new HtmlValidate({
  extends: ["html-validate:standard"],
  rules: { "void-style": "off", "attribute-boolean-style": "off", "attribute-empty-style": "off" },
});

async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target.join(" ")} ${node.html.slice(0, 160)} ${node.failureSummary ?? ""}`).join(" | ")})`,
  );
  expect(summary, `${label}: axe violations`).toEqual([]);
}

async function expectValidHtml(page: Page, path: string) {
  const response = await page.request.get(path);
  expect(response.status(), path).toBeLessThan(400);
  const report = await validator.validateString(await response.text());
  const errors = report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId} at ${message.line}:${message.column}: ${message.message}`));
  expect(errors, `${path}: html-validate errors`).toEqual([]);
}

test("public and staff pages have no WCAG A/AA violations, in light and dark mode, and public pages are valid HTML", async ({ signedIn, browser }) => {
  test.setTimeout(180_000);
  const headline = uniqueHeadline("Accessible release");
  const page = await signedIn("writer");
  const id = await writeRelease(page, headline);
  await page.getByRole("checkbox", { name: "Public health" }).check();
  await expect(page.getByTestId("save-status")).toHaveText(/^Saved /, { timeout: 20_000 });
  // Staff pages, as the writer: the editor (while the release is still theirs to edit) and the desk.
  await expectNoAxeViolations(page, "editor");
  await page.goto("/desk");
  await expectNoAxeViolations(page, "desk");
  await page.goto(`/desk/releases/${id}`);
  await press(page, "Submit for review");
  await expect(page.getByTestId("release-status")).toHaveText("In review");
  const slug = (await page.getByRole("textbox", { name: "Headline" }).inputValue()).toLowerCase().replace(/[^a-z0-9]+/g, "-");
  await approveAndPublish(browser, id);

  const reader = await browser.newContext();
  const publicPage = await reader.newPage();
  await publicPage.goto("/login");
  await expectNoAxeViolations(publicPage, "sign-in");

  const year = new Date().getUTCFullYear();
  const publicPaths = ["/", `/releases/${slug}`, "/archive", `/archive/${year}`, "/topics", "/topics/public-health", "/search?q=accessible", "/about"];
  for (const scheme of ["light", "dark"] as const) {
    await publicPage.emulateMedia({ colorScheme: scheme });
    for (const path of publicPaths) {
      const response = await publicPage.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoAxeViolations(publicPage, `${path} (${scheme})`);
    }
  }
  for (const path of publicPaths) await expectValidHtml(publicPage, path);

  // A skip link is the first thing the keyboard reaches, and it leads to the content.
  await publicPage.goto(`/releases/${slug}`);
  await publicPage.keyboard.press("Tab");
  const skip = publicPage.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await publicPage.keyboard.press("Enter");
  await expect(publicPage).toHaveURL(/#main$/);
  await reader.close();
});
