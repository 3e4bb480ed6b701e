import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { appendAudit, type Transaction } from "../audit/append";
import { db } from "../client";
import { releaseComments, releases, users } from "../schema";
import { releaseIdSchema } from "../releases/input";

export const MAX_COMMENT_LENGTH = 5000;

const commentInput = z.strictObject({
  releaseId: releaseIdSchema,
  parentId: z.uuid("That comment does not exist.").optional(),
  body: z.string().trim().min(1, "Write a comment.").max(MAX_COMMENT_LENGTH, "The comment is too long (at most 5,000 characters)."),
});

export type CommentView = { id: string; parentId: string | null; authorName: string; body: string; action: string | null; createdAt: Date };

/** Writes a comment inside a caller's transaction (used by transitions that require one). */
export async function insertComment(
  tx: Transaction,
  entry: { releaseId: string; authorId: string; body: string; action?: string | null; revisionId?: string | null; parentId?: string | null },
) {
  await tx.insert(releaseComments).values({
    releaseId: entry.releaseId,
    authorId: entry.authorId,
    body: entry.body,
    action: entry.action ?? null,
    revisionId: entry.revisionId ?? null,
    parentId: entry.parentId ?? null,
  });
}

/** Any staff member may comment on a release; a reply must belong to the same release. */
export async function addComment(viewer: Viewer, input: unknown) {
  assertCan(viewer, "release:comment");
  const parsed = commentInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Write a comment.");
  const { releaseId, parentId, body } = parsed.data;
  await (await db()).transaction(async (tx) => {
    const [release] = await tx.select({ id: releases.id, revisionId: releases.currentRevisionId }).from(releases).where(eq(releases.id, releaseId));
    if (!release) throw new AppError("not_found", "That release does not exist.");
    if (parentId) {
      const [parent] = await tx
        .select({ id: releaseComments.id })
        .from(releaseComments)
        .where(and(eq(releaseComments.id, parentId), eq(releaseComments.releaseId, releaseId)));
      if (!parent) throw new AppError("invalid", "That comment does not exist on this release.");
    }
    await insertComment(tx, { releaseId, authorId: viewer.id, body, revisionId: release.revisionId, parentId: parentId ?? null });
    await appendAudit(tx, { action: "comment_added", actorId: viewer.id, actorEmail: viewer.email, releaseId, comment: body });
  });
}

/** The thread of a release, oldest first (replies follow their parent in the UI). */
export async function listComments(releaseId: string): Promise<CommentView[]> {
  return (await db())
    .select({
      id: releaseComments.id,
      parentId: releaseComments.parentId,
      authorName: users.name,
      body: releaseComments.body,
      action: releaseComments.action,
      createdAt: releaseComments.createdAt,
    })
    .from(releaseComments)
    .innerJoin(users, eq(users.id, releaseComments.authorId))
    .where(eq(releaseComments.releaseId, releaseId))
    .orderBy(asc(releaseComments.createdAt));
}
