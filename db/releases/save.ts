import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { ReleaseContent } from "@/lib/content/release";
import { checkEdit, denialToError, RELEASE_ACTIONS } from "@/lib/workflow/transitions";
import { AppError } from "@/lib/errors";
import { appendAudit, type Transaction } from "../audit/append";
import { db } from "../client";
import { auditLog, releaseRevisions, releases } from "../schema";
import { assertCan, type Viewer } from "../access";
import { parseReleaseContent, resolveReleaseContent, revisionColumns } from "./content";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext, loadRevision } from "./load";

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

/**
 * Saves the working copy. The write names the version it was based on; a stale one is a conflict, never
 * an overwrite. A save that changes content writes a revision (or, within COALESCE_WINDOW of the same
 * author's last save, updates it); editing an approved release voids the approval, editing a published
 * one starts an update (the live version stays public).
 */
export async function saveRelease(
  viewer: Viewer,
  input: { releaseId: unknown; expectedVersion: unknown; content: unknown },
  options: SaveOptions = {},
): Promise<{ version: number; changed: boolean }> {
  assertCan(viewer, "release:edit-own");
  const releaseId = releaseIdSchema.parse(input.releaseId);
  const expectedVersion = versionSchema.parse(input.expectedVersion);
  const content = parseReleaseContent(input.content);

  return (await db()).transaction(async (tx) => {
    const saved = await writeReleaseContent(tx, viewer, { releaseId, expectedVersion, content }, { now: options.now ?? new Date(), coalesce: options.autosave ?? false });
    return { version: saved.version, changed: saved.changed };
  });
}

export type WrittenContent = {
  version: number;
  changed: boolean;
  /** The current revision after the save (the new one, the updated one, or the unchanged one). */
  revisionId: string;
  coalesced: boolean;
};

/**
 * The body of a save, inside the caller's transaction, with content already validated: locks the
 * release, applies the edit rules and the version check, then writes. For saves and restores only;
 * `coalesce: false` always writes a new revision.
 */
/** Locks the release and refuses an edit the workflow table does not allow this viewer now. */
export async function lockForEdit(tx: Transaction, viewer: Viewer, releaseId: string) {
  assertCan(viewer, "release:edit-own");
  const context = await loadReleaseContext(tx, releaseId, viewer.id, { lock: true });
  const edit = checkEdit({ role: viewer.role, isOwner: context.isOwner, status: context.release.status, isLive: context.isLive });
  if (!edit.ok) throw denialToError(edit);
  return { context, edit };
}

export async function writeReleaseContent(
  tx: Transaction,
  viewer: Viewer,
  input: { releaseId: string; expectedVersion: number; content: ReleaseContent },
  options: { now: Date; coalesce: boolean },
): Promise<WrittenContent> {
  const { releaseId, expectedVersion, content } = input;
  const { now } = options;
  const { context, edit } = await lockForEdit(tx, viewer, releaseId);
  const { release } = context;
  if (release.version !== expectedVersion) throw new AppError("conflict", CONFLICT_MESSAGE, { currentVersion: release.version });

  const { stored, hash } = await resolveReleaseContent(tx, content);
  const current = release.currentRevisionId ? await loadRevision(tx, release.currentRevisionId) : null;
  if (current && current.contentHash === hash) return { version: release.version, changed: false, revisionId: current.id, coalesced: false };

  let revisionId: string;
  const coalesced =
    options.coalesce && current !== null && edit.to === release.status && (await mayCoalesceInto(tx, release, current, viewer.id, now));
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
  if (edit.to !== release.status) {
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
  return { version: updated.version, changed: true, revisionId, coalesced };
}

/**
 * Whether a save (one that leaves the status as it is) may update the current revision in place: same
 * author, within the window, and the revision is not one the workflow has acted on. The approved and published revisions are never
 * touched, nor one that was submitted, sent back, approved or published (an audit row of a workflow
 * action names it), so what a reviewer saw stays in the history exactly as they saw it.
 */
async function mayCoalesceInto(
  tx: Transaction,
  release: typeof releases.$inferSelect,
  current: typeof releaseRevisions.$inferSelect,
  authorId: string,
  now: Date,
): Promise<boolean> {
  if (current.authorId !== authorId) return false;
  if (current.id === release.approvedRevisionId || current.id === release.publishedRevisionId) return false;
  if (now.getTime() - current.updatedAt.getTime() > COALESCE_WINDOW) return false;
  const [acted] = await tx
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.releaseId, release.id), eq(auditLog.revisionId, current.id), inArray(auditLog.action, [...RELEASE_ACTIONS])))
    .limit(1);
  return !acted;
}
