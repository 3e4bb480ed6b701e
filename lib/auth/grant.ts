import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A short-lived, signed proof that our sign-in route checked the password and the rate limits. Auth.js's
 * credentials callback accepts nothing else, so nobody can skip those checks by posting to it directly.
 */
const GRANT_TTL_MS = 60_000;

export function mintSignInGrant(secret: string, userId: string, sessionVersion: number, now = Date.now()): string {
  const payload = `${userId}.${sessionVersion}.${now + GRANT_TTL_MS}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function readSignInGrant(
  secret: string,
  grant: unknown,
  now = Date.now(),
): { userId: string; sessionVersion: number } | null {
  if (typeof grant !== "string") return null;
  const parts = grant.split(".");
  if (parts.length !== 4) return null;
  const [userId, version, expires, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${userId}.${version}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expires) < now) return null;
  const sessionVersion = Number(version);
  if (!Number.isInteger(sessionVersion)) return null;
  return { userId, sessionVersion };
}

function sign(secret: string, payload: string) {
  return createHmac("sha256", `sign-in-grant:${secret}`).update(payload).digest("base64url");
}
