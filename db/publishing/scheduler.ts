import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { checkSystemTransition } from "@/lib/workflow/transitions";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { releases } from "../schema";
import { notifyWorkflowEvent } from "../notifications/notify";
import { sendNotificationEmails, type NotificationEmail } from "../notifications/send-emails";
import { loadRevision } from "../releases/load";
import type { FeedMembership } from "@/lib/feeds/websub";
import { writePublication } from "./publish";

const dueAt = sql<Date>`coalesce(${releases.publishAt}, ${releases.embargoUntil})`;
/** Raw SQL gets no column mapping, so the instant is passed as text with an explicit type. */
const dueBy = (instant: Date) => sql`${dueAt} <= ${instant.toISOString()}::timestamptz`;

/**
 * Publishes every scheduled or embargoed release whose time has come, through the same publication
 * write as a person's publish. Rows are claimed with FOR UPDATE SKIP LOCKED inside the transaction that
 * publishes them, so with any number of instances running this at once each release publishes once.
 * Returns the slugs whose public pages must be expired; `onFeedsChanged` hears, after each committed
 * batch, which feeds changed (for the WebSub hub).
 */
export async function publishDueReleases(
  now = new Date(),
  batchSize = 25,
  onFeedsChanged: (feeds: FeedMembership[]) => void = () => {},
): Promise<string[]> {
  const database = await db();
  const published: string[] = [];
  for (;;) {
    const batch = await database.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(releases)
        .where(and(inArray(releases.status, ["scheduled", "embargoed"]), dueBy(now)))
        .orderBy(asc(dueAt), asc(releases.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      const slugs: string[] = [];
      const feeds: FeedMembership[] = [];
      const emails: NotificationEmail[] = [];
      for (const release of due) {
        const check = checkSystemTransition("publish_due", release.status);
        if (!check.ok) continue;
        const publication = await writePublication(tx, release, null, now);
        await tx
          .update(releases)
          .set({
            status: check.transition.to,
            version: release.version + 1,
            publishedRevisionId: publication.revisionId,
            firstPublishedAt: release.firstPublishedAt ?? now,
            publishAt: null,
            embargoUntil: null,
            updatedAt: now,
          })
          .where(eq(releases.id, release.id));
        await appendAudit(tx, {
          action: "publish_due",
          actorEmail: "scheduler",
          releaseId: release.id,
          fromState: release.status,
          toState: check.transition.to,
          revisionId: publication.revisionId,
          detail: { dueAt: (release.publishAt ?? release.embargoUntil)?.toISOString() ?? null },
        });
        const { headline } = await loadRevision(tx, publication.revisionId);
        const notified = await notifyWorkflowEvent(tx, { action: "publish_due", releaseId: release.id, headline, authorId: release.createdBy, actor: { id: null, name: "Scheduler" } });
        if (notified?.email) emails.push(notified.email);
        slugs.push(publication.slug);
        feeds.push(...publication.feeds);
      }
      return { claimed: due.length, slugs, feeds, emails };
    });
    sendNotificationEmails(batch.emails);
    published.push(...batch.slugs);
    if (batch.feeds.length > 0) onFeedsChanged(batch.feeds);
    if (batch.claimed < batchSize) return published;
  }
}

/** Scheduled or embargoed releases more than `graceMs` past their time: the desk warns about them. */
export async function listOverdue(now = new Date(), graceMs = 60_000) {
  return (await db())
    .select({ id: releases.id, slug: releases.slug, status: releases.status, dueAt })
    .from(releases)
    .where(and(inArray(releases.status, ["scheduled", "embargoed"]), dueBy(new Date(now.getTime() - graceMs))));
}
