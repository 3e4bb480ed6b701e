import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";

const holder = globalThis as unknown as { pressroomInternalToken?: string };

/**
 * A secret known only to this process: the scheduler, running outside any request, calls this instance's
 * own revalidation route with it, because Next silently drops cache invalidation made outside a request.
 */
export function internalToken(): string {
  holder.pressroomInternalToken ??= randomBytes(32).toString("base64url");
  return holder.pressroomInternalToken;
}

export function isInternalToken(candidate: string | null): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(internalToken());
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const INTERNAL_TOKEN_HEADER = "x-pressroom-internal";
