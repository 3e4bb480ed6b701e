import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { PUBLIC_TAGS } from "../public/publications";

/** Stale copies must never be served after a publication change (a retraction above all). */
const EXPIRE_NOW = { expire: 0 };

/**
 * Expires the public pages and feeds a publication change touches, at once. Call it from a server
 * action or route handler after the transaction commits: outside a request Next drops it silently.
 */
export function invalidatePublicPages(slug: string) {
  revalidateTag(PUBLIC_TAGS.all, EXPIRE_NOW);
  revalidateTag(PUBLIC_TAGS.release(slug), EXPIRE_NOW);
  revalidatePath("/");
  revalidatePath(`/releases/${slug}`);
  revalidatePath("/feed.xml");
}
