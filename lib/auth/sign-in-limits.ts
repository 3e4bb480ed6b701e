/** Failed sign-in ceilings. Counted in the database so they hold across instances. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Failures allowed for one account from one address in the window; the next attempt is refused. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Failures allowed from one address across all accounts in the window. */
export const MAX_FAILURES_PER_ADDRESS = 50;

export const WRONG_CREDENTIALS_MESSAGE = "That email and password do not match an active account.";
export const TOO_MANY_ATTEMPTS_MESSAGE = "Too many failed sign-ins. Wait a few minutes and try again.";

/** Seconds until the oldest counted failure leaves the window (at least 1). */
export function retryAfterSeconds(oldestFailure: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldestFailure.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 1000));
}
