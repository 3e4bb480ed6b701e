import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS, E2E_PASSWORD, type AccountName } from "./accounts";

/** The accounts e2e/sign-in.setup.ts signs in once per run, through the sign-in form, for every spec to reuse. */
export const SIGNED_IN_ACCOUNTS = ["admin", "writer", "writer2", "editor", "editor2"] as const satisfies readonly AccountName[];
export type SignedInAccount = (typeof SIGNED_IN_ACCOUNTS)[number];

/** Where the setup keeps an account's browser state (its session cookie); test-results/ is emptied at each run's start. */
export function signedInState(account: SignedInAccount): string {
  return path.join("test-results", ".auth", `${account}.json`);
}

/** A page in a browser context of its own, signed in as `account` from its saved state, on the desk. */
export async function pageAs(browser: Browser, account: SignedInAccount): Promise<Page> {
  const context = await browser.newContext({ storageState: signedInState(account) });
  const page = await context.newPage();
  await page.goto("/desk");
  await expect(page.getByRole("heading", { name: "Desk", exact: true })).toBeVisible();
  return page;
}

/**
 * Playwright's test with `signedIn(account)`: a page signed in as that account (see pageAs). Its
 * context is closed when the test ends. The `page` and `request` fixtures stay signed out, as a
 * reader's are. Specs about signing in itself use `signIn` on a page of their own instead.
 */
export const test = base.extend<{ signedIn: (account: SignedInAccount) => Promise<Page> }>({
  // `provide`, not Playwright's usual `use`: React's lint takes a function named use for its hook.
  signedIn: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (account) => {
      const page = await pageAs(browser, account);
      contexts.push(page.context());
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

/** Signs in through the sign-in form, as a person does, and waits for the desk. */
export async function signIn(page: Page, account: AccountName, options: { password?: string } = {}) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ACCOUNTS[account].email);
  await page.getByLabel("Password").fill(options.password ?? E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Desk", exact: true })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** A headline no other test uses, so tests never depend on each other's data. */
export function uniqueHeadline(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/**
 * Clicks into a rich-text field and waits until it has settled. ProseMirror writes its own selection
 * back into the page 20 ms after the field gains focus; a caret key a robot presses inside that window
 * (no person is that quick) is undone, and the next Enter then replaces a selection instead of
 * splitting. Waiting two frames plus that delay, inside the page, makes the keys land as a person's do.
 */
export async function focusText(page: Page, field: Locator) {
  await field.click();
  await expect(field).toBeFocused();
  await textSettles(page);
}

/**
 * Presses a key that only moves the caret (End, Control+End, arrows…) and waits for ProseMirror to
 * read the new position: it learns of caret moves from the browser's asynchronous selectionchange
 * event, which a robot's next key can overtake (a person's cannot), so an Enter pressed at once
 * would act on the old selection.
 */
export async function moveCaret(page: Page, key: string) {
  await page.keyboard.press(key);
  await textSettles(page);
}

/** Waits out ProseMirror's post-focus selection write (see focusText) after focus came back some other way. */
export async function textSettles(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 40)))),
  );
}

/** Creates a draft with a heading, a list and a quotation; returns its id, leaving the page on its editor. */
export async function writeRelease(page: Page, headline: string) {
  await page.goto("/desk/releases/new");
  await page.getByLabel("Headline").fill(headline);
  const body = page.getByRole("textbox", { name: "Release text" });
  await body.click();
  await page.keyboard.type("The Office announced today a new programme of public briefings.");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Subheading" }).click();
  await page.keyboard.type("Key points");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Bulleted list" }).click();
  await page.keyboard.type("Briefings every month");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Open to accredited media");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Quotation" }).click();
  await page.keyboard.type("We want to be easy to reach.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/desk\/releases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  return page.url().split("/").pop()!;
}

/** Presses a workflow or form button by its exact name. */
export async function press(page: Page, button: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
}

/** An editor, in a browser context of their own, approves and publishes a release waiting for review. */
export async function approveAndPublish(browser: Browser, releaseId: string) {
  const editor = await pageAs(browser, "editor");
  await editor.goto(`/desk/releases/${releaseId}`);
  await press(editor, "Approve");
  await expect(editor.getByTestId("release-status")).toHaveText("Approved");
  await press(editor, "Publish now");
  await expect(editor.getByTestId("release-status")).toHaveText("Published");
  await editor.context().close();
}
