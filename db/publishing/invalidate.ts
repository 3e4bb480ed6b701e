import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { clearGone } from "@/lib/http/gone";
import { clearPublicResponses } from "@/lib/http/public-responses";
import { PUBLIC_TAGS } from "../public/publications";
import { SETTINGS_TAG } from "../public/settings";
import { TOPICS_TAG } from "../public/topics";
import type { FeedMembership } from "@/lib/feeds/websub";
import type { PublicChange } from "./public-change";

/** Stale copies must never be served after a publication change (a retraction above all). */
const EXPIRE_NOW = { expire: 0 };

/**
 * Expires the public pages and feeds a publication change touches, at once. Call it from a server
 * action or route handler after the transaction commits: outside a request Next drops it silently
 * (the scheduler and the change listener go through /api/internal/revalidate for that reason).
 */
export function invalidatePublicPages(slug: string) {
  expirePublicChange({ slugs: [slug], tags: [] });
}

/** Lists, feeds and sitemaps read tagged data; release pages are cached whole, so their paths go too. */
export function expirePublicChange(change: PublicChange | { all: true }) {
  clearPublicResponses();
  revalidateTag(PUBLIC_TAGS.all, EXPIRE_NOW);
  if ("all" in change) {
    revalidateTag(SETTINGS_TAG, EXPIRE_NOW);
    revalidateTag(TOPICS_TAG, EXPIRE_NOW);
    revalidatePath("/", "layout");
    return;
  }
  for (const slug of change.slugs) {
    revalidateTag(PUBLIC_TAGS.release(slug), EXPIRE_NOW);
    revalidatePath(`/releases/${slug}`);
    clearGone(`/releases/${slug}`);
  }
  if (change.tags.includes("settings")) revalidateTag(SETTINGS_TAG, EXPIRE_NOW);
  if (change.tags.includes("topics")) revalidateTag(TOPICS_TAG, EXPIRE_NOW);
  if (change.tags.length > 0) revalidatePath("/", "layout");
  else revalidatePath("/");
}

/**
 * After a transition commits: expire this instance's public pages at once (other instances hear of it
 * through Postgres). Call from the request that made it. (The WebSub pings were queued in the transition.)
 */
export function afterTransition(result: { publishedSlug: string | null; retractedSlug: string | null; changedFeeds: FeedMembership[] }) {
  const slug = result.publishedSlug ?? result.retractedSlug;
  if (slug) invalidatePublicPages(slug);
}
