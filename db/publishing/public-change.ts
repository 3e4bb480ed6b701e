import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { slugSchema } from "@/lib/slug";
import type { Transaction } from "../audit/append";
import { database } from "../client";

/** The Postgres channel on which every instance hears that public pages changed. */
export const PUBLIC_CHANGE_CHANNEL = "pressroom_public_change";

/** What changed: releases by slug, and cache tags (settings, topics) that are not about one release. */
export const publicChangeSchema = z.strictObject({
  slugs: z.array(slugSchema).max(500).default([]),
  tags: z.array(z.enum(["settings", "topics"])).max(10).default([]),
});
export type PublicChange = z.infer<typeof publicChangeSchema>;

/**
 * Tells every instance that public pages changed. Inside a transaction, Postgres delivers the
 * notification only if and when it commits, so no instance expires its cache for a change that was
 * rolled back, and none misses one that was made.
 */
export async function announcePublicChange(tx: Transaction, change: Partial<PublicChange>) {
  const payload = JSON.stringify(publicChangeSchema.parse(change));
  await tx.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${payload})`);
}

/** The same, outside a transaction (settings and topics are saved by code that does not share one). */
export async function announcePublicChangeNow(change: Partial<PublicChange>) {
  const payload = JSON.stringify(publicChangeSchema.parse(change));
  await (await database()).db.execute(sql`select pg_notify(${PUBLIC_CHANGE_CHANNEL}, ${payload})`);
}
