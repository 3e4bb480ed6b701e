import "server-only";
import { sql } from "drizzle-orm";
import { changeNoticeSchema, noticePayloads, type ChangeNoticeInput } from "@/lib/cache/change-notice";
import type { Transaction } from "../audit/append";
import { database } from "../client";

export { changeNoticeSchema, publicChangeSchema, type ChangeNotice, type PublicChange } from "@/lib/cache/change-notice";

/** The Postgres channel on which every instance hears that public pages changed. */
export const PUBLIC_CHANGE_CHANNEL = "pressroom_public_change";

/**
 * Tells every instance that public pages changed: one notice for the whole transaction (callers
 * gather a transaction's or a scheduler batch's changes first), `{ all: true }` when it would not fit.
 * Inside a transaction, Postgres delivers the notification only if and when it commits, so no instance
 * expires its cache for a change that was rolled back, and none misses one that was made.
 */
export async function announcePublicChange(tx: Transaction, change: ChangeNoticeInput) {
  for (const payload of noticePayloads(changeNoticeSchema.parse(change))) {
    await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${payload})`);
  }
}

/** The same, outside a transaction (settings and topics are saved by code that does not share one). */
export async function announcePublicChangeNow(change: ChangeNoticeInput) {
  const { db } = await database();
  for (const payload of noticePayloads(changeNoticeSchema.parse(change))) {
    await db.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${payload})`);
  }
}
