import "server-only";
import { and, asc, inArray, sql } from "drizzle-orm";
import { isEmptyChange, mergeChanges, type ChangeNotice } from "@/lib/cache/change-notice";
import { checkSystemTransition, transitionOf } from "@/lib/workflow/transitions";
import type { Transaction } from "../audit/append";
import { db } from "../client";
import { applyTransition } from "../releases/apply-transition";
import { announcePublicChange } from "./public-change";
import type { ReleaseRow } from "../releases/load";
import { releases } from "../schema";

const dueAt = sql<Date>`coalesce(${releases.publishAt}, ${releases.embargoUntil})`;
/** Raw SQL gets no column mapping, so the instant is passed as text with an explicit type. */
const dueBy = (instant: Date) => sql`${dueAt} <= ${instant.toISOString()}::timestamptz`;

/** The statuses the scheduler publishes from, as the workflow table says. */
const DUE_STATUSES = [...transitionOf("publish_due").from];

/**
 * Locks the releases one scheduler transaction publishes: due ones, oldest first, skipping rows another
 * instance holds. Releases that must go live together would be claimed here, into the same list.
 */
async function claimDueReleases(tx: Transaction, now: Date, limit: number): Promise<ReleaseRow[]> {
  return tx
    .select()
    .from(releases)
    .where(and(inArray(releases.status, DUE_STATUSES), dueBy(now)))
    .orderBy(asc(dueAt), asc(releases.id))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/**
 * Publishes every scheduled or embargoed release whose time has come, through the same executor as a
 * person's transition (applyTransition, actor "system"). Each claimed list is applied in the transaction
 * that claimed it, so with any number of instances running this at once each release publishes once.
 * Each batch sends one change notice for all its releases (its WebSub pings are queued in each
 * transition). Returns the slugs published; after each committed batch, `onPublicChange` hears what
 * changed on the public site (for this instance's own cache).
 */
export async function publishDueReleases(
  now = new Date(),
  batchSize = 25,
  onPublicChange: (change: ChangeNotice) => void = () => {},
): Promise<string[]> {
  const database = await db();
  const published: string[] = [];
  for (;;) {
    const batch = await database.transaction(async (tx) => {
      const claimed = await claimDueReleases(tx, now, batchSize);
      const slugs: string[] = [];
      let change: ChangeNotice = { slugs: [], tags: [], withdrawn: [] };
      for (const release of claimed) {
        const check = checkSystemTransition("publish_due", release.status);
        if (!check.ok) continue;
        const applied = await applyTransition(tx, release, check.transition, "system", { now, batchNotice: true });
        if (applied.publicChange) change = mergeChanges(change, applied.publicChange);
        if (applied.publishedSlug) slugs.push(applied.publishedSlug);
      }
      if (!isEmptyChange(change)) await announcePublicChange(tx, change);
      return { claimed: claimed.length, slugs, change };
    });
    published.push(...batch.slugs);
    if (!isEmptyChange(batch.change)) onPublicChange(batch.change);
    if (batch.claimed < batchSize) return published;
  }
}

/** Scheduled or embargoed releases more than `graceMs` past their time: the desk warns about them. */
export async function listOverdue(now = new Date(), graceMs = 60_000) {
  return (await db())
    .select({ id: releases.id, slug: releases.slug, status: releases.status, dueAt })
    .from(releases)
    .where(and(inArray(releases.status, DUE_STATUSES), dueBy(new Date(now.getTime() - graceMs))));
}
