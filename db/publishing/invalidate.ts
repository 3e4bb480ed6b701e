import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { changeNoticeSchema, type ChangeNoticeInput } from "@/lib/cache/change-notice";
import { expirePublicResponses } from "@/lib/http/public-responses";
import { PUBLIC_TAGS } from "../public/publications";
import { SETTINGS_TAG } from "../public/settings";
import { TOPICS_TAG } from "../public/topics";
import type { PublicChange } from "./public-change";

/**
 * Next's data a change touches is expired at once, never served once more while it revalidates (a
 * retraction above all). The last good copy for an outage is the production server's
 * (scripts/public-responses.mjs), which marks its copies stale instead.
 */
const EXPIRE_NOW = { expire: 0 };

/**
 * Expires what a change touches, and only that: the server's copies of the pages of the releases it
 * names and of every list, feed, sitemap and search (lib/http/public-responses.ts), Next's data of the
 * lists (PUBLIC_TAGS.all), and the layout's when settings or topics changed; `{ all: true }` expires
 * everything. A release's page reads its data uncached (db/public/publications.ts), so its copy is all
 * there is to expire. Call it from a server action or route handler after the transaction commits:
 * outside a request Next drops it silently (the scheduler and the change listener go through
 * /api/internal/revalidate for that reason).
 */
export function expirePublicChange(input: ChangeNoticeInput) {
  const change = changeNoticeSchema.parse(input);
  expirePublicResponses(change);
  if ("all" in change) {
    revalidateTag(PUBLIC_TAGS.all, EXPIRE_NOW);
    revalidateTag(SETTINGS_TAG, EXPIRE_NOW);
    revalidateTag(TOPICS_TAG, EXPIRE_NOW);
    revalidatePath("/", "layout");
    return;
  }
  if (change.slugs.length > 0 || change.withdrawn.length > 0) revalidateTag(PUBLIC_TAGS.all, EXPIRE_NOW);
  if (change.tags.includes("settings")) revalidateTag(SETTINGS_TAG, EXPIRE_NOW);
  if (change.tags.includes("topics")) revalidateTag(TOPICS_TAG, EXPIRE_NOW);
  if (change.tags.length > 0) revalidatePath("/", "layout");
}

/**
 * After a transition commits: expire this instance's public pages at once (other instances hear of it
 * through Postgres). Call from the request that made it. (The WebSub pings were queued in the transition.)
 */
export function afterTransition(result: { publicChange: PublicChange | null }) {
  if (result.publicChange) expirePublicChange(result.publicChange);
}
