import { expect, type Page } from "@playwright/test";
import { ACCOUNTS, E2E_PASSWORD, type AccountName } from "./accounts";

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
