import { expect } from "@playwright/test";
import { ACCOUNTS, E2E_PASSWORD } from "./accounts";
import { signIn, test } from "./support";

test("a writer cannot open the staff page", async ({ signedIn }) => {
  const page = await signedIn("writer");
  await expect(page.getByRole("link", { name: "Staff" })).toHaveCount(0);
  await page.goto("/desk/staff");
  await expect(page.getByText("You do not have access to staff management.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add staff member" })).toHaveCount(0);
});

test("an admin adds a staff member, who must then choose a password", async ({ signedIn, browser }) => {
  const page = await signedIn("admin");
  await page.getByRole("link", { name: "Staff" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Nora New");
  await page.getByLabel("Email", { exact: true }).fill("nora.new@e2e.test");
  await page.getByLabel("Role", { exact: true }).selectOption("writer");
  await page.getByRole("button", { name: "Add staff member" }).click();
  const notice = page.getByTestId("one-time-password");
  await expect(notice).toBeVisible();
  const oneTimePassword = (await page.getByTestId("one-time-password-value").textContent())?.trim() ?? "";
  expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto("/login");
  await newcomer.getByLabel("Email").fill("nora.new@e2e.test");
  await newcomer.getByLabel("Password").fill(oneTimePassword);
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer).toHaveURL(/\/desk\/password/);
  await context.close();
});

test("an admin deactivates a user, whose next request is refused", async ({ signedIn, browser }) => {
  // Signed in by hand: this account's own session is what the test revokes.
  const context = await browser.newContext();
  const leaving = await context.newPage();
  await signIn(leaving, "deactivate");

  const page = await signedIn("admin");
  await page.goto("/desk/staff");
  await page.getByRole("button", { name: `Deactivate ${ACCOUNTS.deactivate.name}` }).click();
  await expect(page.getByRole("button", { name: `Reactivate ${ACCOUNTS.deactivate.name}` })).toBeVisible();

  await leaving.goto("/desk/releases/new");
  await expect(leaving).toHaveURL(/\/login/);
  await expect(leaving.getByRole("heading", { name: "Sign in to the desk" })).toBeVisible();

  await leaving.getByLabel("Email").fill(ACCOUNTS.deactivate.email);
  await leaving.getByLabel("Password").fill(E2E_PASSWORD);
  await leaving.getByRole("button", { name: "Sign in" }).click();
  await expect(leaving.getByTestId("sign-in-error")).toHaveText("That email and password do not match an active account.");
  await context.close();
});
