import { z } from "zod";
import { NOTIFICATION_KINDS } from "../notifications/kinds";
import type { BackoffPolicy } from "./backoff";
import type { RateLimit } from "./rate-limit";

/** How a kind of job is retried, limited and timed out; the same on every instance. */
export type JobPolicy = {
  /** Attempts before the job is dead (the first run counts). */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Across all instances together; none when absent. */
  rateLimit?: RateLimit;
  /** A run still going after this long counts as failed (and its lease is given up). */
  timeoutMs: number;
};

export const DEFAULT_JOB_POLICY: JobPolicy = {
  maxAttempts: 8,
  backoff: { baseMs: 15_000, capMs: 60 * 60_000 },
  timeoutMs: 30_000,
};

/** The kinds of job the app itself enqueues. */
export const APP_JOB_KINDS = ["notification_email", "websub_ping"] as const;
export type AppJobKind = (typeof APP_JOB_KINDS)[number];

/** One email to one recipient of one notice. */
export const notificationEmailPayload = z.strictObject({
  notificationId: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  headline: z.string().max(2000),
  notice: z.string().max(5000),
  releaseId: z.uuid(),
});
export type NotificationEmailPayload = z.infer<typeof notificationEmailPayload>;

/** One `hub.mode=publish` ping for one feed. */
export const websubPingPayload = z.strictObject({
  hubUrl: z.url({ protocol: /^https?$/ }),
  feedUrl: z.url({ protocol: /^https?$/ }),
});
export type WebSubPingPayload = z.infer<typeof websubPingPayload>;

const KIND_LABELS: Record<AppJobKind, string> = { notification_email: "Notification email", websub_ping: "WebSub ping" };

/** What a person calls a kind of job; a kind this version does not know by its name. */
export function jobKindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}
