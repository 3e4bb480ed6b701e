import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { ReleaseStatus } from "@/lib/workflow/states";
import type { ReleaseContent } from "@/lib/content/release";
import { checkEdit, denialToError, RELEASE_ACTIONS } from "@/lib/workflow/transitions";
import { AppError } from "@/lib/errors";
import { appendAudit, type Transaction } from "../audit/append";
import { db } from "../client";
import { auditLog, publications, releaseRevisions, releases, releaseTypes, topics } from "../schema";
import { assertCan, type Viewer } from "../access";
import { parseReleaseContent, revisionColumns, storedContent, storedTopics, unknownTopicError, unknownTypeError } from "./content";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext } from "./load";

export const CONFLICT_MESSAGE = "Someone else saved this release after you opened it. Your text is kept here; nothing was overwritten.";

/**
 * Milliseconds. Saves by the same person within this time of their last save update that revision
 * instead of adding one, so autosave does not bury the history under near-identical revisions.
 */
export const COALESCE_WINDOW = 5 * 60 * 1000;

export type SaveOptions = {
  /** The time of the save (tests move it; defaults to now). */
  now?: Date;
  /**
   * An autosave: folded into the author's own recent revision (within COALESCE_WINDOW) instead of
   * writing a new one. A save the person asked for always writes a revision of its own.
   */
  autosave?: boolean;
};

export type SaveResult = {
  version: number;
  changed: boolean;
  /** The status after the save, and whether the save moved it (voided an approval, started an update). */
  status: ReleaseStatus;
  statusChanged: boolean;
  /** The hash of the working copy as stored now: the editor tells a workflow step from someone's save by it. */
  contentHash: string;
};

/**
 * Saves the working copy. The write names the version it was based on; a stale one is a conflict, never
 * an overwrite. A save that changes content writes a revision (or, within COALESCE_WINDOW of the same
 * author's last save, updates it); editing an approved release voids the approval, editing a published
 * one starts an update (the live version stays public). Answers what the editor needs to carry on
 * without rendering the page again.
 */
export async function saveWorkingCopy(
  viewer: Viewer,
  input: { releaseId: unknown; expectedVersion: unknown; content: unknown },
  options: SaveOptions = {},
): Promise<SaveResult & { newRevision: boolean }> {
  assertCan(viewer, "release:edit-own");
  const releaseId = releaseIdSchema.parse(input.releaseId);
  const expectedVersion = versionSchema.parse(input.expectedVersion);
  const content = parseReleaseContent(input.content);

  return (await db()).transaction(async (tx) => {
    const { version, changed, status, statusChanged, contentHash, coalesced } = await writeReleaseContent(
      tx,
      viewer,
      { releaseId, expectedVersion, content },
      { now: options.now ?? new Date(), coalesce: options.autosave ?? false },
    );
    // newRevision: a revision of its own (not folded into the writer's recent one), so a new number.
    return { version, changed, status, statusChanged, contentHash, newRevision: changed && !coalesced };
  });
}

/** saveWorkingCopy, answering only the new version and whether anything changed. */
export async function saveRelease(
  viewer: Viewer,
  input: { releaseId: unknown; expectedVersion: unknown; content: unknown },
  options: SaveOptions = {},
): Promise<{ version: number; changed: boolean }> {
  const { version, changed } = await saveWorkingCopy(viewer, input, options);
  return { version, changed };
}

export type WrittenContent = SaveResult & {
  /** The current revision after the save (the new one, the updated one, or the unchanged one). */
  revisionId: string;
  coalesced: boolean;
};

/** Locks the release and refuses an edit the workflow table does not allow this viewer now. */
export async function lockForEdit(tx: Transaction, viewer: Viewer, releaseId: string) {
  assertCan(viewer, "release:edit-own");
  const context = await loadReleaseContext(tx, releaseId, viewer.id, { lock: true });
  const edit = checkEdit({ role: viewer.role, isOwner: context.isOwner, status: context.release.status, isLive: context.isLive });
  if (!edit.ok) throw denialToError(edit);
  return { context, edit };
}

/**
 * Everything a save needs to decide, in one statement that locks the release row: whether it is live
 * (the edit rule), the current revision's hash, author and age (no change / coalescing) but not its
 * body, the id of the content's type and how many of its topics exist, and (for autosaves) whether the
 * workflow has acted on the current revision. A save is a few round trips whatever the release holds.
 */
async function lockForSave(tx: Transaction, releaseId: string, content: ReleaseContent, topicSlugs: string[], coalesce: boolean) {
  const [row] = await tx
    .select({
      release: releases,
      isLive: sql<boolean>`exists (select 1 from ${publications} where ${publications.releaseId} = ${releases.id} and ${publications.retractedAt} is null)`,
      currentId: releaseRevisions.id,
      currentHash: releaseRevisions.contentHash,
      currentAuthorId: releaseRevisions.authorId,
      currentUpdatedAt: releaseRevisions.updatedAt,
      typeId: content.type
        ? sql<string | null>`(select ${releaseTypes.id} from ${releaseTypes} where ${releaseTypes.slug} = ${content.type} limit 1)`
        : sql<string | null>`null::uuid`,
      knownTopics:
        topicSlugs.length > 0 ? sql<number>`(select count(*)::int from ${topics} where ${inArray(topics.slug, topicSlugs)})` : sql<number>`0`,
      actedOn: coalesce
        ? sql<boolean>`exists (select 1 from ${auditLog} where ${auditLog.releaseId} = ${releases.id} and ${auditLog.revisionId} = ${releases.currentRevisionId} and ${inArray(auditLog.action, [...RELEASE_ACTIONS])})`
        : sql<boolean>`false`,
    })
    .from(releases)
    .leftJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .where(eq(releases.id, releaseId))
    .for("update", { of: releases });
  return row;
}

/**
 * The body of a save, inside the caller's transaction, with content already validated: locks the
 * release, applies the edit rules, the version check and the type and topic checks, then writes. For
 * saves and restores; `coalesce: false` always writes a new revision.
 */
export async function writeReleaseContent(
  tx: Transaction,
  viewer: Viewer,
  input: { releaseId: string; expectedVersion: number; content: ReleaseContent },
  options: { now: Date; coalesce: boolean },
): Promise<WrittenContent> {
  const { releaseId, expectedVersion, content } = input;
  const { now } = options;
  assertCan(viewer, "release:edit-own");
  const topicSlugs = storedTopics(content.topics);
  const row = await lockForSave(tx, releaseId, content, topicSlugs, options.coalesce);
  if (!row) throw new AppError("not_found", "That release does not exist.");
  const { release } = row;
  const edit = checkEdit({ role: viewer.role, isOwner: release.createdBy === viewer.id, status: release.status, isLive: row.isLive });
  if (!edit.ok) throw denialToError(edit);
  if (release.version !== expectedVersion) throw new AppError("conflict", CONFLICT_MESSAGE, { currentVersion: release.version });
  if (content.type && !row.typeId) throw unknownTypeError();
  if (row.knownTopics !== topicSlugs.length) throw unknownTopicError();

  const { stored, hash } = storedContent(content, row.typeId);
  const current = row.currentId ? { id: row.currentId, contentHash: row.currentHash!, authorId: row.currentAuthorId, updatedAt: row.currentUpdatedAt! } : null;
  if (current && current.contentHash === hash) {
    return { version: release.version, changed: false, revisionId: current.id, coalesced: false, status: release.status, statusChanged: false, contentHash: hash };
  }

  // The current revision may be updated in place (a save that leaves the status as it is): same author,
  // within the window, and not one the workflow has acted on. The approved and published revisions are
  // never touched, nor one that was submitted, sent back, approved or published (an audit row of a
  // workflow action names it), so what a reviewer saw stays in the history exactly as they saw it.
  const coalesced =
    options.coalesce &&
    current !== null &&
    edit.to === release.status &&
    current.authorId === viewer.id &&
    current.id !== release.approvedRevisionId &&
    current.id !== release.publishedRevisionId &&
    now.getTime() - current.updatedAt.getTime() <= COALESCE_WINDOW &&
    !row.actedOn;
  let revisionId: string;
  if (coalesced) {
    await tx
      .update(releaseRevisions)
      .set({ ...revisionColumns(stored), contentHash: hash, updatedAt: now })
      .where(eq(releaseRevisions.id, current.id));
    revisionId = current.id;
  } else {
    const [revision] = await tx
      .insert(releaseRevisions)
      .values({
        ...revisionColumns(stored),
        releaseId,
        number: sql`(select coalesce(max(${releaseRevisions.number}), 0) + 1 from ${releaseRevisions} where ${releaseRevisions.releaseId} = ${releaseId})`,
        contentHash: hash,
        authorId: viewer.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: releaseRevisions.id });
    revisionId = revision!.id;
  }
  const voidsApproval = edit.effect === "voids_approval";
  const [updated] = await tx
    .update(releases)
    .set({
      version: sql`${releases.version} + 1`,
      status: edit.to,
      currentRevisionId: revisionId,
      updatedAt: now,
      ...(voidsApproval ? { approvedContentHash: null, approvedAt: null } : {}),
    })
    .where(and(eq(releases.id, releaseId), eq(releases.version, expectedVersion)))
    .returning({ version: releases.version });
  if (!updated) throw new AppError("conflict", CONFLICT_MESSAGE);
  const statusChanged = edit.to !== release.status;
  if (statusChanged) {
    await appendAudit(tx, {
      action: voidsApproval ? "approval_voided" : "edit_reopened",
      actorId: viewer.id,
      actorEmail: viewer.email,
      releaseId,
      fromState: release.status,
      toState: edit.to,
      revisionId,
    });
  }
  return { version: updated.version, changed: true, revisionId, coalesced, status: edit.to, statusChanged, contentHash: hash };
}
