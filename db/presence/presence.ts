import "server-only";
import { and, asc, eq, gt, ne } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { db } from "../client";
import { releasePresence, releases, users } from "../schema";
import { assertCan, type Viewer } from "../access";
import { releaseIdSchema } from "../releases/input";

/** Someone counts as "also here" when their editor reported in within this window. */
export const PRESENCE_WINDOW_MS = 30_000;

export type PresentPerson = { name: string };

/**
 * Records that `viewer` has the release open now and returns the other staff members whose editor
 * reported within PRESENCE_WINDOW_MS (oldest first, deactivated accounts left out). Staff only.
 */
export async function markPresent(viewer: Viewer, releaseId: unknown, now = new Date()): Promise<PresentPerson[]> {
  assertCan(viewer, "presence:announce");
  const parsed = releaseIdSchema.safeParse(releaseId);
  if (!parsed.success) throw new AppError("not_found", "That release does not exist.");
  const id = parsed.data;
  const database = await db();
  const [release] = await database.select({ id: releases.id }).from(releases).where(eq(releases.id, id)).limit(1);
  if (!release) throw new AppError("not_found", "That release does not exist.");

  await database
    .insert(releasePresence)
    .values({ releaseId: id, userId: viewer.id, seenAt: now })
    .onConflictDoUpdate({ target: [releasePresence.releaseId, releasePresence.userId], set: { seenAt: now } });
  return listOthersPresent(viewer, id, now);
}

/** The other staff members seen on the release within PRESENCE_WINDOW_MS. Staff only. */
export async function listOthersPresent(viewer: Viewer, releaseId: string, now = new Date()): Promise<PresentPerson[]> {
  assertCan(viewer, "presence:announce");
  const since = new Date(now.getTime() - PRESENCE_WINDOW_MS);
  const rows = await (await db())
    .select({ name: users.name })
    .from(releasePresence)
    .innerJoin(users, eq(users.id, releasePresence.userId))
    .where(and(eq(releasePresence.releaseId, releaseId), ne(releasePresence.userId, viewer.id), gt(releasePresence.seenAt, since), eq(users.active, true)))
    .orderBy(asc(releasePresence.seenAt));
  return rows.map(({ name }) => ({ name }));
}
