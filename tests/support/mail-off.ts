/**
 * db/mail/transport.ts with mail switched off, for tests where mail is not under test (no SMTP_URL):
 *
 *   vi.mock("@/db/mail/transport", () => import("../support/mail-off"));
 *
 * Anything that does try to send fails loudly instead of silently passing.
 */
export function mailSettings() {
  return null;
}

export function configureMail() {}

export async function sendMail(): Promise<never> {
  throw new Error("Mail is off in this test.");
}
