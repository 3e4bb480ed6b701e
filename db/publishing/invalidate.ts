import "server-only";
import { revalidatePath, updateTag } from "next/cache";
import { PUBLIC_TAGS } from "../public/publications";

/**
 * Expires the public pages and feeds a publication change touches, at once (no stale copy afterwards).
 * Call it from a server action after the transaction commits: outside a request Next drops it silently.
 */
export function invalidatePublicPages(slug: string) {
  updateTag(PUBLIC_TAGS.all);
  updateTag(PUBLIC_TAGS.release(slug));
  revalidatePath("/");
  revalidatePath(`/releases/${slug}`);
  revalidatePath("/feed.xml");
}
