import "server-only";
import { env } from "@/env";
import { feedUrlsOf, hubPublishBody, type FeedMembership } from "@/lib/feeds/websub";

/** A hub that does not answer within this time is given up on: publishing never waits for it. */
const PING_TIMEOUT_MS = 5_000;

/**
 * Absolute URLs of every feed a change to these publications touches (site-wide, each topic, the type,
 * the language; RSS, Atom and JSON Feed). For an update, pass the publication before and after it.
 */
export function feedUrlsFor(...publications: FeedMembership[]): string[] {
  return feedUrlsOf(env.siteUrl, publications);
}

/**
 * Tells the WebSub hub (WEBSUB_HUB) that these feeds changed, one form-encoded `hub.mode=publish` POST
 * per feed. Does nothing without a hub. Never throws: a hub that is down, slow or refusing is logged
 * and the publication stands; subscribers still get the change when they next poll. Callers may
 * `void` it; the promise settles when every ping has been answered or has timed out.
 */
export async function pingWebSubHub(feedUrls: string[], hubUrl: string | undefined = env.WEBSUB_HUB): Promise<void> {
  if (!hubUrl || feedUrls.length === 0) return;
  await Promise.all(
    [...new Set(feedUrls)].map(async (feedUrl) => {
      try {
        const response = await fetch(hubUrl, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: hubPublishBody(feedUrl),
          signal: AbortSignal.timeout(PING_TIMEOUT_MS),
          redirect: "error",
        });
        await response.body?.cancel();
        if (!response.ok) console.error(`websub: the hub answered ${response.status} for ${feedUrl}`);
      } catch (error) {
        console.error(`websub: could not ping the hub for ${feedUrl}`, error);
      }
    }),
  );
}
