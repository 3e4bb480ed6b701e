import "server-only";
import { eq } from "drizzle-orm";
import { env } from "@/env";
import { AppError } from "@/lib/errors";
import { cleanOriginalName, mediaUrl, tooLargeMessage } from "@/lib/media/files";
import { sniffMedia } from "@/lib/media/sniff";
import { assertCan, type Viewer } from "../access";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { media, users, type MediaKind } from "../schema";
import { mediaStorage, newMediaKey } from "./storage";

/** What POST /api/media answers (201) and what the editor inserts: an image's src is `url`. */
export type UploadedMedia = {
  key: string;
  url: string;
  kind: MediaKind;
  mimeType: string;
  width: number | null;
  height: number | null;
  bytes: number;
  originalName: string;
};

export type UploadInput = { bytes: Uint8Array; originalName: string };

/**
 * Stores one uploaded file for use in releases. Authorizes against the user as the database has them
 * now (a deactivated account or a revoked role cannot upload), types the file by its content, stores it
 * under a key the server makes, and records the media row with its audit row in one transaction.
 */
export async function uploadMedia(viewer: Viewer | null, input: UploadInput): Promise<UploadedMedia> {
  if (!viewer) throw new AppError("unauthenticated", "Sign in to upload files.");
  const database = await db();
  const [user] = await database
    .select({ role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, viewer.id))
    .limit(1);
  if (!user?.active) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  assertCan({ ...viewer, role: user.role }, "media:upload");

  const size = input.bytes.byteLength;
  if (size > env.MEDIA_MAX_BYTES) throw new AppError("invalid", tooLargeMessage(size, env.MEDIA_MAX_BYTES), { limit: env.MEDIA_MAX_BYTES });
  const sniffed = sniffMedia(input.bytes);
  if (!sniffed.ok) throw new AppError("invalid", sniffed.message, { reason: sniffed.reason });

  const key = newMediaKey(sniffed.extension);
  const originalName = cleanOriginalName(input.originalName, sniffed.extension);
  const storage = mediaStorage();
  await storage.put(key, input.bytes, sniffed.mimeType);
  try {
    await database.transaction(async (tx) => {
      await tx.insert(media).values({
        key,
        kind: sniffed.kind,
        mimeType: sniffed.mimeType,
        bytes: size,
        width: sniffed.width,
        height: sniffed.height,
        originalName,
        createdBy: viewer.id,
      });
      await appendAudit(tx, {
        action: "media_uploaded",
        actorId: viewer.id,
        actorEmail: viewer.email,
        detail: { key, kind: sniffed.kind, mimeType: sniffed.mimeType, bytes: size, originalName },
      });
    });
  } catch (error) {
    // No row, no file: a stored object nobody can reference would only take space.
    await storage.delete(key).catch(() => {});
    throw error;
  }
  return {
    key,
    url: mediaUrl(key),
    kind: sniffed.kind,
    mimeType: sniffed.mimeType,
    width: sniffed.width,
    height: sniffed.height,
    bytes: size,
    originalName,
  };
}
