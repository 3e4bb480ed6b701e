import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { checkEdit } from "@/lib/workflow/transitions";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { releaseRevisions, releases } from "../schema";
import { assertCan, type Viewer } from "../access";
import { parseReleaseContent, resolveReleaseContent, revisionColumns } from "./content";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext, loadRevision } from "./load";

export const CONFLICT_MESSAGE = "Someone else saved this release after you opened it. Your text is kept here; nothing was overwritten.";

/**
 * Saves the working copy. The write names the version it was based on; a stale one is a conflict, never
 * an overwrite. A save that changes content writes a revision; editing an approved release voids the
 * approval, editing a published one starts an update (the live version stays public).
 */
export async function saveRelease(
  viewer: Viewer,
  input: { releaseId: unknown; expectedVersion: unknown; content: unknown },
): Promise<{ version: number; changed: boolean }> {
  assertCan(viewer, "release:edit-own");
  const releaseId = releaseIdSchema.parse(input.releaseId);
  const expectedVersion = versionSchema.parse(input.expectedVersion);
  const content = parseReleaseContent(input.content);

  return (await db()).transaction(async (tx) => {
    const context = await loadReleaseContext(tx, releaseId, viewer.id, { lock: true });
    const { release } = context;
    const edit = checkEdit({ role: viewer.role, isOwner: context.isOwner, status: release.status, isLive: context.isLive });
    if (!edit.ok) throw new AppError(edit.code === "invalid_state" ? "conflict" : "forbidden", edit.message);
    if (release.version !== expectedVersion) throw new AppError("conflict", CONFLICT_MESSAGE, { currentVersion: release.version });

    const { stored, hash } = await resolveReleaseContent(tx, content);
    const current = release.currentRevisionId ? await loadRevision(tx, release.currentRevisionId) : null;
    if (current && current.contentHash === hash) return { version: release.version, changed: false };

    const [revision] = await tx
      .insert(releaseRevisions)
      .values({
        ...revisionColumns(stored),
        releaseId,
        number: sql`(select coalesce(max(${releaseRevisions.number}), 0) + 1 from ${releaseRevisions} where ${releaseRevisions.releaseId} = ${releaseId})`,
        contentHash: hash,
        authorId: viewer.id,
      })
      .returning({ id: releaseRevisions.id });
    const voidsApproval = edit.effect === "voids_approval";
    const [updated] = await tx
      .update(releases)
      .set({
        version: sql`${releases.version} + 1`,
        status: edit.to,
        currentRevisionId: revision!.id,
        updatedAt: new Date(),
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
        revisionId: revision!.id,
      });
    }
    return { version: updated.version, changed: true };
  });
}
