import "server-only";
import type { Transporter } from "nodemailer";
import { env } from "@/env";

export type MailSettings = { url: string; from: string };

type MailState = { settings: MailSettings | null; transporter: Transporter | null };

const globalForMail = globalThis as unknown as { pressroomMail?: MailState };

function state(): MailState {
  globalForMail.pressroomMail ??= { settings: env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM } : null, transporter: null };
  return globalForMail.pressroomMail;
}

/** Outgoing mail, or null when SMTP_URL is unset (the default): then no email is ever sent. */
export function mailSettings(): MailSettings | null {
  return state().settings;
}

/** Tests point the process at their own SMTP server (or turn mail off) without touching process.env. */
export function configureMail(settings: MailSettings | null) {
  const current = state();
  current.transporter?.close();
  current.settings = settings;
  current.transporter = null;
}

/** Sends one message through SMTP_URL. Throws when mail is off or the server refuses it. */
/** `messageId` (e.g. "<id@host>") stays the same on every retry of one email, so receivers can tell a repeat. */
export async function sendMail(message: { to: string; subject: string; text: string; html: string; messageId?: string }) {
  const current = state();
  if (!current.settings) throw new Error("Mail is off: SMTP_URL is not set.");
  // Loaded on first use: with mail off (the default) the SMTP client is never loaded at all.
  current.transporter ??= (await import("nodemailer")).default.createTransport(current.settings.url);
  await current.transporter.sendMail({ from: current.settings.from, ...message });
}
