import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { rolesWith } from "@/lib/access/permissions";
import { transitionOf, type ReleaseAction } from "@/lib/workflow/transitions";
import type { Viewer } from "../access";
import type { Transaction } from "../audit/append";
import { db } from "../client";
import { notifications, users, type NotificationKind } from "../schema";
import { enqueueNotificationEmails, type NotificationEmail } from "./send-emails";

const AUDIENCE: Record<NotificationKind, "reviewers" | "author"> = {
  review_requested: "reviewers",
  changes_requested: "author",
  approved: "author",
  published: "author",
};

/** What a notice says; `system` is the wording for a step the scheduler took. */
const WORDING: Record<NotificationKind, { person: (headline: string, actor: string) => string; system?: (headline: string) => string }> = {
  review_requested: { person: (headline, actor) => `${actor} asks for a review of “${headline}”.` },
  changes_requested: { person: (headline, actor) => `${actor} requested changes to “${headline}”.` },
  approved: { person: (headline, actor) => `${actor} approved “${headline}”.` },
  published: { person: (headline, actor) => `${actor} published “${headline}”.`, system: (headline) => `“${headline}” was published at its scheduled time.` },
};

/**
 * Writes the notices a workflow event causes (the action's `notify` effect in the workflow table), inside
 * the event's transaction. Reviewers are the active staff whose role may approve (the permission table);
 * the author is whoever created the release. Nobody is notified of their own action.
 * The emails that go with the notices are queued in the same transaction (a rolled-back event emails
 * nobody; a committed one is emailed even if the process dies next); the returned email says what was queued.
 */
export async function notifyWorkflowEvent(
  tx: Transaction,
  event: { action: ReleaseAction; releaseId: string; headline: string; authorId: string; actor: { id: string; name: string } | "system" },
): Promise<{ userIds: string[]; text: string; email: NotificationEmail | null } | null> {
  const kind = transitionOf(event.action).effects.notify;
  if (!kind) return null;
  const recipients =
    AUDIENCE[kind] === "author"
      ? [event.authorId]
      : (await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), inArray(users.role, rolesWith("release:approve"))))).map((row) => row.id);
  const { actor } = event;
  const userIds = actor === "system" ? recipients : recipients.filter((id) => id !== actor.id);
  const wording = WORDING[kind];
  const text = actor === "system" ? (wording.system?.(event.headline) ?? wording.person(event.headline, "The scheduler")) : wording.person(event.headline, actor.name);
  if (userIds.length === 0) return { userIds, text, email: null };
  const rows = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind, releaseId: event.releaseId, text })))
    .returning({ id: notifications.id });
  const email = { notificationIds: rows.map((row) => row.id), kind, headline: event.headline, notice: text, releaseId: event.releaseId };
  await enqueueNotificationEmails(tx, email);
  return { userIds, text, email };
}

export async function listNotifications(viewer: Viewer, limit = 20) {
  return (await db())
    .select()
    .from(notifications)
    .where(eq(notifications.userId, viewer.id))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

/** Marks the viewer's own notices read; never anyone else's. */
export async function markNotificationsRead(viewer: Viewer) {
  await (await db())
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
}
