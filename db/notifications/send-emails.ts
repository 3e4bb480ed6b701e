import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { env } from "@/env";
import { notificationEmail } from "@/lib/mail/notification-email";
import { db } from "../client";
import { mailSettings, sendMail } from "../mail/transport";
import { notifications, settings, users, type NotificationKind } from "../schema";

export type NotificationEmail = { notificationIds: string[]; kind: NotificationKind; headline: string; notice: string; releaseId: string };

const inFlight = new Set<Promise<void>>();

/**
 * Emails the recipients of notices whose transaction has committed (the caller calls this after it),
 * in the background: a transition never waits for, or fails because of, the mail server. Nothing at
 * all while SMTP_URL is unset.
 */
export function sendNotificationEmails(emails: NotificationEmail[]): void {
  if (!mailSettings() || emails.length === 0) return;
  const delivery: Promise<void> = deliver(emails)
    .catch((error: unknown) => console.error("Notification emails were not sent:", error))
    .finally(() => inFlight.delete(delivery));
  inFlight.add(delivery);
}

/** Waits until every email queued so far has been sent or has failed (tests, and CLIs before they exit). */
export async function settleNotificationEmails(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

async function deliver(emails: NotificationEmail[]) {
  const database = await db();
  const ids = emails.flatMap((item) => item.notificationIds);
  // Deactivated recipients get nothing.
  const recipients = await database
    .select({ id: notifications.id, email: users.email })
    .from(notifications)
    .innerJoin(users, and(eq(users.id, notifications.userId), eq(users.active, true)))
    .where(inArray(notifications.id, ids));
  if (recipients.length === 0) return;
  const [organisation] = await database.select({ name: settings.organisationName }).from(settings).where(eq(settings.id, 1));
  const addressOf = new Map(recipients.map((row) => [row.id, row.email]));

  for (const item of emails) {
    const message = notificationEmail({
      kind: item.kind,
      headline: item.headline,
      notice: item.notice,
      releaseUrl: `${env.siteUrl}/desk/releases/${item.releaseId}`,
      organisationName: organisation?.name,
    });
    for (const id of item.notificationIds) {
      const to = addressOf.get(id);
      if (!to) continue;
      await sendMail({ to, ...message }).catch((error: unknown) => console.error(`A notification email to ${to} was not sent:`, error));
    }
  }
}
