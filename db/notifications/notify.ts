import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { rolesWith } from "@/lib/access/permissions";
import type { ReleaseAction } from "@/lib/workflow/transitions";
import type { Viewer } from "../access";
import type { Transaction } from "../audit/append";
import { db } from "../client";
import { notifications, users, type NotificationKind } from "../schema";
import type { NotificationEmail } from "./send-emails";

const EVENTS: Partial<Record<ReleaseAction, { kind: NotificationKind; audience: "reviewers" | "author"; text: (headline: string, actor: string) => string }>> = {
  submit: { kind: "review_requested", audience: "reviewers", text: (headline, actor) => `${actor} asks for a review of “${headline}”.` },
  request_changes: { kind: "changes_requested", audience: "author", text: (headline, actor) => `${actor} requested changes to “${headline}”.` },
  approve: { kind: "approved", audience: "author", text: (headline, actor) => `${actor} approved “${headline}”.` },
  publish: { kind: "published", audience: "author", text: (headline, actor) => `${actor} published “${headline}”.` },
  publish_due: { kind: "published", audience: "author", text: (headline) => `“${headline}” was published at its scheduled time.` },
};

/**
 * Writes the notices a workflow event causes, inside the event's transaction. Reviewers are the active
 * staff whose role may approve (the permission table); the author is whoever created the release. Nobody is notified of their own action.
 * Returns the email that goes with the notices: the caller hands it to sendNotificationEmails once the
 * transaction has committed (never before: a rolled-back event must email nobody).
 */
export async function notifyWorkflowEvent(
  tx: Transaction,
  event: { action: ReleaseAction; releaseId: string; headline: string; authorId: string; actor: { id: string | null; name: string } },
): Promise<{ userIds: string[]; text: string; email: NotificationEmail | null } | null> {
  const spec = EVENTS[event.action];
  if (!spec) return null;
  const recipients =
    spec.audience === "author"
      ? [event.authorId]
      : (await tx.select({ id: users.id }).from(users).where(and(eq(users.active, true), inArray(users.role, rolesWith("release:approve"))))).map((row) => row.id);
  const userIds = recipients.filter((id) => id !== event.actor.id);
  const text = spec.text(event.headline, event.actor.name);
  if (userIds.length === 0) return { userIds, text, email: null };
  const rows = await tx
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: spec.kind, releaseId: event.releaseId, text })))
    .returning({ id: notifications.id });
  const email = { notificationIds: rows.map((row) => row.id), kind: spec.kind, headline: event.headline, notice: text, releaseId: event.releaseId };
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
