import "server-only";
import { and, count, eq, gt, min, sql } from "drizzle-orm";
import {
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_FAILURES_PER_ADDRESS,
  retryAfterSeconds,
  SIGN_IN_WINDOW_MS,
} from "@/lib/auth/sign-in-limits";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import type { Database } from "../connect";
import { signInFailures, users } from "../schema";

export type CredentialCheck =
  | { ok: true; user: typeof users.$inferSelect }
  | { ok: false; reason: "wrong_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

let dummyHash: Promise<string> | undefined;

/**
 * Reserves one attempt before any password is checked, so the limits hold however many requests
 * arrive at once, on however many instances: under transaction-scoped advisory locks (the account and
 * address first, then the address alone, always in that order so two attempts cannot deadlock) it
 * counts the window and records the attempt as a failure, then commits. Parallel attempts queue on the
 * locks and each sees the ones reserved before it. A successful sign-in removes its reservation again.
 */
async function reserveAttempt(database: Database, email: string, address: string, now: Date): Promise<Reservation> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  return database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pressroom:sign-in:account:${email}\n${address}`}, 0))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`pressroom:sign-in:address:${address}`}, 0))`);
    const [perAccount] = await tx
      .select({ failures: count(), oldest: min(signInFailures.at) })
      .from(signInFailures)
      .where(and(eq(signInFailures.email, email), eq(signInFailures.address, address), gt(signInFailures.at, since)));
    if (perAccount && perAccount.failures >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS && perAccount.oldest) {
      return { ok: false, retryAfterSeconds: retryAfterSeconds(new Date(perAccount.oldest), now) };
    }
    const [perAddress] = await tx
      .select({ failures: count(), oldest: min(signInFailures.at) })
      .from(signInFailures)
      .where(and(eq(signInFailures.address, address), gt(signInFailures.at, since)));
    if (perAddress && perAddress.failures >= MAX_FAILURES_PER_ADDRESS && perAddress.oldest) {
      return { ok: false, retryAfterSeconds: retryAfterSeconds(new Date(perAddress.oldest), now) };
    }
    await tx.insert(signInFailures).values({ email, address, at: now });
    return { ok: true };
  });
}

/**
 * Reserves the attempt against the limits, then checks the password outside any transaction (argon2
 * takes tens of milliseconds, and on PGlite an open transaction holds up every other query). Unknown
 * email and wrong password take the same time and give the same answer; both count as a failure for
 * that email from that address.
 */
export async function checkCredentials(input: { email: string; password: string; address: string }): Promise<CredentialCheck> {
  const database = await db();
  const email = input.email.trim().toLowerCase();
  const now = new Date();

  const reservation = await reserveAttempt(database, email, input.address, now);
  if (!reservation.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };

  const [user] = await database
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`)
    .limit(1);
  dummyHash ??= hashPassword("pressroom-timing-equaliser");
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);

  if (user && user.active && passwordMatches) {
    await database.transaction(async (tx) => {
      await tx.delete(signInFailures).where(and(eq(signInFailures.email, email), eq(signInFailures.address, input.address)));
      await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
      await appendAudit(tx, { action: "sign_in", actorId: user.id, actorEmail: user.email, address: input.address });
    });
    return { ok: true, user };
  }

  await database.transaction(async (tx) => {
    await appendAudit(tx, {
      action: "sign_in_failed",
      actorEmail: email.slice(0, 320),
      subjectUserId: user?.id ?? null,
      address: input.address,
      detail: { reason: !user ? "unknown_email" : !user.active ? "inactive" : "wrong_password" },
    });
  });
  return { ok: false, reason: "wrong_credentials" };
}
