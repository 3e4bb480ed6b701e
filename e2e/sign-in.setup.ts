import { test as setup } from "@playwright/test";
import { SIGNED_IN_ACCOUNTS, signedInState, signIn } from "./support";

/*
 * Signs each account in once per run, through the real sign-in form, and keeps its browser state for
 * the specs (e2e/support.ts `signedIn`). scripts/e2e-prepare.ts gives these accounts a known password
 * and no one-time password, so no change-password step stands between the form and the desk; should
 * one ever appear, signIn's wait for the desk fails here, before any spec runs. The one-time-password
 * account and the sign-in rules themselves are tested by hand in sign-in.spec.ts and staff.spec.ts.
 */
for (const account of SIGNED_IN_ACCOUNTS) {
  setup(`sign in as ${account} through the sign-in form`, async ({ page }) => {
    await signIn(page, account);
    await page.context().storageState({ path: signedInState(account) });
  });
}
