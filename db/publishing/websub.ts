import "server-only";
import { env } from "@/env";
import { feedUrlsOf, hubPublishBody, type FeedMembership } from "@/lib/feeds/websub";
import { DEFAULT_JOB_POLICY, websubPingPayload, type WebSubPingPayload } from "@/lib/jobs/kinds";
import type { Transaction } from "../audit/append";
import { enqueueJobs } from "../jobs/enqueue";
import { defineJobHandler, type RunningJob } from "../jobs/handler";

/** A hub that does not answer within this time is given up on (and, from the queue, tried again later). */
const PING_TIMEOUT_MS = 5_000;

export const WEBSUB_PING_JOB = "websub_ping";

/**
 * Absolute URLs of every feed a change to these publications touches (site-wide, each topic, the type,
 * the language; RSS, Atom and JSON Feed). For an update, pass the publication before and after it.
 */
export function feedUrlsFor(...publications: FeedMembership[]): string[] {
  return feedUrlsOf(env.siteUrl, publications);
}

/**
 * Queues one ping per changed feed inside the transaction of the change, so a publication that commits
 * is announced even if this process dies before the hub answers. Nothing without a hub (WEBSUB_HUB).
 */
export async function enqueueWebSubPings(tx: Transaction, feeds: FeedMembership[], hubUrl: string | undefined = env.WEBSUB_HUB): Promise<string[]> {
  const feedUrls = [...new Set(feedUrlsFor(...feeds))];
  if (!hubUrl || feedUrls.length === 0) return [];
  return enqueueJobs(
    tx,
    feedUrls.map((feedUrl) => ({ kind: WEBSUB_PING_JOB, payload: { hubUrl, feedUrl } satisfies WebSubPingPayload, maxAttempts: websubPingJob.policy.maxAttempts })),
  );
}

/**
 * One form-encoded `hub.mode=publish` POST. Throws unless the hub accepts it. `idempotencyKey` goes out as
 * the Idempotency-Key header, the same on every retry of one ping.
 */
async function pingHub(hubUrl: string, feedUrl: string, options: { idempotencyKey?: string; signal?: AbortSignal } = {}) {
  const timeout = AbortSignal.timeout(PING_TIMEOUT_MS);
  const response = await fetch(hubUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(options.idempotencyKey ? { "Idempotency-Key": options.idempotencyKey } : {}) },
    body: hubPublishBody(feedUrl),
    signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
    redirect: "error",
  });
  await response.body?.cancel();
  if (!response.ok) throw new HubRefusedError(response.status, feedUrl);
}

class HubRefusedError extends Error {
  constructor(
    readonly status: number,
    feedUrl: string,
  ) {
    super(`The hub answered ${status} for ${feedUrl}`);
    this.name = "HubRefusedError";
  }
}

export const websubPingJob = defineJobHandler({
  policy: { ...DEFAULT_JOB_POLICY, maxAttempts: 8, backoff: { baseMs: 30_000, capMs: 60 * 60_000 }, rateLimit: { perSecond: 10, burst: 30 }, timeoutMs: 15_000 },
  payload: websubPingPayload,
  run: (job: RunningJob<WebSubPingPayload>) => pingHub(job.payload.hubUrl, job.payload.feedUrl, { idempotencyKey: job.idempotencyKey, signal: job.signal }),
});
