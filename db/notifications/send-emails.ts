import "server-only";
import { and, eq } from "drizzle-orm";
import { env } from "@/env";
import { DEFAULT_JOB_POLICY, notificationEmailPayload, type NotificationEmailPayload } from "@/lib/jobs/kinds";
import { notificationEmail } from "@/lib/mail/notification-email";
import type { Transaction } from "../audit/append";
import { db } from "../client";
import { defineJobHandler, PermanentJobError, type RunningJob } from "../jobs/handler";
import { enqueueJobs } from "../jobs/enqueue";
import { mailSettings, sendMail } from "../mail/transport";
import { notifications, settings, users, type NotificationKind } from "../schema";

export type NotificationEmail = { notificationIds: string[]; kind: NotificationKind; headline: string; notice: string; releaseId: string };

export const NOTIFICATION_EMAIL_JOB = "notification_email";

/**
 * Queues one email per notice, inside the transaction that writes the notices: an event that rolls back
 * emails nobody, and one that commits is emailed even if this process dies the next moment. The notice
 * id is the job's unique key, so a notice is never queued twice. Nothing while SMTP_URL is unset.
 */
export async function enqueueNotificationEmails(tx: Transaction, email: NotificationEmail): Promise<string[]> {
  if (!mailSettings()) return [];
  const { notificationIds, ...rest } = email;
  return enqueueJobs(
    tx,
    notificationIds.map((notificationId) => ({
      kind: NOTIFICATION_EMAIL_JOB,
      payload: { notificationId, ...rest } satisfies NotificationEmailPayload,
      uniqueKey: notificationId,
      maxAttempts: notificationEmailJob.policy.maxAttempts,
    })),
  );
}

/** The Message-ID of a notice's email: the same on every attempt, so a repeat after a crash is recognisable. */
export function notificationMessageId(notificationId: string): string {
  return `<notice-${notificationId}@${new URL(env.siteUrl).hostname || "pressroom"}>`;
}

/** Sends one notice's email to its recipient, unless they have been deactivated since (then nothing). */
async function sendNotificationEmail(job: RunningJob<NotificationEmailPayload>) {
  const item = job.payload;
  const database = await db();
  const [recipient] = await database
    .select({ email: users.email })
    .from(notifications)
    .innerJoin(users, and(eq(users.id, notifications.userId), eq(users.active, true)))
    .where(eq(notifications.id, item.notificationId));
  if (!recipient) return;
  if (!mailSettings()) return; // mail was turned off since: as with SMTP_URL unset, nobody is emailed
  const [organisation] = await database.select({ name: settings.organisationName }).from(settings).where(eq(settings.id, 1));
  const message = notificationEmail({
    kind: item.kind,
    headline: item.headline,
    notice: item.notice,
    releaseUrl: `${env.siteUrl}/desk/releases/${item.releaseId}`,
    organisationName: organisation?.name,
  });
  try {
    await sendMail({ to: recipient.email, ...message, messageId: notificationMessageId(item.notificationId) });
  } catch (error) {
    // A 5xx answer (no such mailbox, refused sender) will be the same next time; 4xx and network errors may pass.
    const code = (error as { responseCode?: unknown }).responseCode;
    if (typeof code === "number" && code >= 500) throw new PermanentJobError(`The mail server refused the email to ${recipient.email}: ${(error as Error).message}`);
    throw error;
  }
}

export const notificationEmailJob = defineJobHandler({
  policy: {
    ...DEFAULT_JOB_POLICY,
    maxAttempts: 10,
    backoff: { baseMs: 30_000, capMs: 2 * 60 * 60_000 },
    rateLimit: { perSecond: env.MAIL_PER_SECOND, burst: Math.max(1, Math.ceil(env.MAIL_PER_SECOND * 2)) },
    timeoutMs: 60_000,
  },
  payload: notificationEmailPayload,
  run: sendNotificationEmail,
});
