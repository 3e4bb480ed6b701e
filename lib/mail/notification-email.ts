import type { NotificationKind } from "@/lib/notifications/kinds";
import { escapeHtml } from "@/lib/html/escape";

/** One email as nodemailer takes it: a plain-text part and a simple HTML part with the same words. */
export type EmailMessage = { subject: string; text: string; html: string };

const SUBJECTS: Record<NotificationKind, string> = {
  review_requested: "Review requested",
  changes_requested: "Changes requested",
  approved: "Approved",
  published: "Published",
};

const ACTIONS: Record<NotificationKind, string> = {
  review_requested: "Open the release to review it",
  changes_requested: "Open the release to see what to change",
  approved: "Open the release",
  published: "Open the release",
};


// Headers cannot carry line breaks, and a headline that came with some must not start a new header.
const oneLine = (value: string) => value.replace(/[\r\n\t\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();

/**
 * The email sent with an in-app notification: the notice's own sentence, and a link to the release in
 * the desk. `notice` is the notification's text (db/notifications/notify.ts writes it).
 */
export function notificationEmail(input: {
  kind: NotificationKind;
  headline: string;
  notice: string;
  releaseUrl: string;
  organisationName?: string;
}): EmailMessage {
  const headline = oneLine(input.headline);
  const subject = `${SUBJECTS[input.kind]}: ${headline}`;
  const action = ACTIONS[input.kind];
  const signature = input.organisationName ? `Pressroom · ${oneLine(input.organisationName)}` : "Pressroom";
  const text = [
    input.notice,
    "",
    `${action}: ${input.releaseUrl}`,
    "",
    "-- ",
    signature,
    "You receive this because of your role on this release. Your notifications are also on the desk.",
    "",
  ].join("\n");
  const html = [
    "<!doctype html>",
    `<html><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #0f172a">`,
    `<p>${escapeHtml(input.notice)}</p>`,
    `<p><a href="${escapeHtml(input.releaseUrl)}">${escapeHtml(action)}</a></p>`,
    `<p style="color: #475569; font-size: 0.875em">${escapeHtml(signature)}<br>You receive this because of your role on this release. Your notifications are also on the desk.</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return { subject, text, html };
}
