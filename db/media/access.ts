import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { isMediaKey, type MediaAudience } from "@/lib/media/files";
import type { Viewer } from "../access";
import { db } from "../client";
import { media, publications, settings } from "../schema";
import { shareLinkAllowsMedia } from "../share/share-links";

export type ServableMedia = {
  file: typeof media.$inferSelect;
  /** public: a live publication uses it (anyone, cacheable); staff: only signed-in staff may see it. */
  audience: MediaAudience;
};

/** True when the key is the organisation's logo, or a live (not retracted) publication uses it in its current version. */
export async function isPubliclyUsed(key: string): Promise<boolean> {
  const [logo] = await (await db()).select({ id: settings.id }).from(settings).where(eq(settings.logoKey, key)).limit(1);
  if (logo) return true;
  const [row] = await (await db())
    .select({ releaseId: publications.releaseId })
    .from(publications)
    .where(and(isNull(publications.retractedAt), sql`${publications.mediaKeys} @> ${JSON.stringify([key])}::jsonb`))
    .limit(1);
  return Boolean(row);
}

/**
 * Whether /media/<key> may be served to this viewer, and how. The public sees only files a live
 * publication uses (drafts, pending, embargoed and retracted releases never reach the publications
 * table's live rows); signed-in staff see any file; the holder of a valid embargo share link sees the
 * files of the revision it shows, privately ("staff" audience: never cached by anyone in between).
 * Null means "answer 404": existence is not revealed.
 */
export async function canServeMedia(key: string, viewer: Viewer | null, shareToken: string | null = null): Promise<ServableMedia | null> {
  if (!isMediaKey(key)) return null;
  const [file] = await (await db()).select().from(media).where(eq(media.key, key)).limit(1);
  if (!file) return null;
  if (await isPubliclyUsed(key)) return { file, audience: "public" };
  if (viewer) return { file, audience: "staff" };
  return shareToken && (await shareLinkAllowsMedia(shareToken, key)) ? { file, audience: "staff" } : null;
}
