import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { PublicChange } from "@/lib/cache/change-notice";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { appendAudit, type Transaction } from "../audit/append";
import { db } from "../client";
import { announcePublicChange } from "../publishing/public-change";
import { publications, releaseRevisions, releases } from "../schema";
import { releaseIdSchema } from "./input";

/** The other releases in this release's translation group, with their languages and headlines. */
export async function listTranslations(releaseId: string) {
  const database = await db();
  const [release] = await database.select({ group: releases.translationGroup }).from(releases).where(eq(releases.id, releaseId));
  if (!release) return [];
  return database
    .select({ id: releases.id, slug: releases.slug, language: releaseRevisions.language, headline: releaseRevisions.headline })
    .from(releases)
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .where(and(eq(releases.translationGroup, release.group), ne(releases.id, releaseId)));
}

/**
 * Marks two releases as the same release in different languages (one group for all of them). Linking
 * is metadata about both releases, not content of either, so it needs edit rights but no new revision.
 * Refused when the two groups share a language (each language once per group).
 */
export async function linkTranslation(viewer: Viewer, input: { releaseId: unknown; otherReleaseId: unknown }) {
  assertCan(viewer, "release:edit-any");
  const releaseId = releaseIdSchema.parse(input.releaseId);
  const otherId = releaseIdSchema.parse(input.otherReleaseId);
  if (releaseId === otherId) throw new AppError("invalid", "A release cannot be its own translation.");
  return (await db()).transaction(async (tx) => {
    const members = await lockGroupsOf(tx, [releaseId, otherId]);
    const release = members.find((member) => member.id === releaseId);
    const other = members.find((member) => member.id === otherId);
    if (!release || !other) throw new AppError("not_found", "That release does not exist.");
    if (release.group === other.group) return null;
    const languages = new Set(members.filter((member) => member.group === release.group).map((member) => member.language));
    if (members.some((member) => member.group === other.group && languages.has(member.language))) {
      throw new AppError("conflict", "This release already has a version in that language.");
    }
    await tx.update(releases).set({ translationGroup: release.group }).where(eq(releases.translationGroup, other.group));
    await appendAudit(tx, { action: "translation_linked", actorId: viewer.id, actorEmail: viewer.email, releaseId, detail: { otherReleaseId: otherId } });
    return announceGroupChange(tx, await liveSlugsOf(tx, release.group));
  });
}

/**
 * A live release's page lists its other languages: a link or unlink changes the pages of every live
 * member of the group. Announced to every instance; the caller expires its own cache with the answer.
 */
async function announceGroupChange(tx: Transaction, slugs: string[]): Promise<PublicChange | null> {
  if (slugs.length === 0) return null;
  const change: PublicChange = { slugs, tags: [], withdrawn: [] };
  await announcePublicChange(tx, change);
  return change;
}

/**
 * Locks every member of the releases' translation groups, in one statement and in the order of their
 * ids, so two links over the same releases (in either order) queue instead of deadlocking. A group
 * that gained a member while this waited (a link that committed first) is locked again with it.
 */
async function lockGroupsOf(tx: Transaction, releaseIds: string[]) {
  for (;;) {
    const groups = tx.select({ group: releases.translationGroup }).from(releases).where(inArray(releases.id, releaseIds));
    const locked = await tx
      .select({ id: releases.id, group: releases.translationGroup, language: releaseRevisions.language })
      .from(releases)
      .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
      .where(inArray(releases.translationGroup, groups))
      .orderBy(asc(releases.id))
      .for("update", { of: releases });
    const now = await tx
      .select({ id: releases.id })
      .from(releases)
      .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
      .where(inArray(releases.translationGroup, groups));
    const lockedIds = new Set(locked.map((member) => member.id));
    if (now.length === locked.length && now.every((member) => lockedIds.has(member.id))) return locked;
  }
}

/** Takes a release out of its translation group (it gets a group of its own). */
export async function unlinkTranslation(viewer: Viewer, input: { releaseId: unknown }) {
  assertCan(viewer, "release:edit-any");
  const releaseId = releaseIdSchema.parse(input.releaseId);
  return (await db()).transaction(async (tx) => {
    const [before] = await tx.select({ group: releases.translationGroup }).from(releases).where(eq(releases.id, releaseId)).for("update");
    if (!before) throw new AppError("not_found", "That release does not exist.");
    const [updated] = await tx
      .update(releases)
      .set({ translationGroup: crypto.randomUUID() })
      .where(eq(releases.id, releaseId))
      .returning({ group: releases.translationGroup });
    await appendAudit(tx, { action: "translation_unlinked", actorId: viewer.id, actorEmail: viewer.email, releaseId });
    // The group it left, and its own page (which no longer lists them).
    return announceGroupChange(tx, await liveSlugsOf(tx, before.group, updated!.group));
  });
}

/** The addresses of the live releases in these translation groups. */
async function liveSlugsOf(tx: Transaction, ...groups: string[]): Promise<string[]> {
  const live = await tx
    .select({ slug: publications.slug })
    .from(publications)
    .innerJoin(releases, eq(releases.id, publications.releaseId))
    .where(and(inArray(releases.translationGroup, groups), isNull(publications.retractedAt)));
  return live.map((row) => row.slug);
}

/** Releases that could be linked as another language version: a different language, not already linked. */
export async function listTranslationCandidates(releaseId: string) {
  const database = await db();
  const [release] = await database
    .select({ group: releases.translationGroup, language: releaseRevisions.language })
    .from(releases)
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .where(eq(releases.id, releaseId));
  if (!release) return [];
  return database
    .select({ id: releases.id, language: releaseRevisions.language, headline: releaseRevisions.headline })
    .from(releases)
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .where(and(ne(releases.translationGroup, release.group), ne(releaseRevisions.language, release.language), ne(releases.status, "trashed")))
    .orderBy(desc(releases.updatedAt))
    .limit(200);
}
