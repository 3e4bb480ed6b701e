import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Executor } from "../audit/append";
import { publications, releaseRevisions, releases } from "../schema";

export type ReleaseRow = typeof releases.$inferSelect;

/** The release with what the workflow rules need to know about it and this viewer. */
export async function loadReleaseContext(executor: Executor, releaseId: string, viewerId: string, options: { lock?: boolean } = {}) {
  const query = executor.select().from(releases).where(eq(releases.id, releaseId)).limit(1);
  // Writers lock the row so concurrent writes queue and the second sees the first's version.
  const [release] = options.lock ? await query.for("update") : await query;
  if (!release) throw new AppError("not_found", "That release does not exist.");
  const [live] = await executor
    .select({ slug: publications.slug })
    .from(publications)
    .where(and(eq(publications.releaseId, releaseId), isNull(publications.retractedAt)))
    .limit(1);
  const baseline = release.approvedRevisionId
    ? sql<number>`(select ${releaseRevisions.number} from ${releaseRevisions} where ${releaseRevisions.id} = ${release.approvedRevisionId})`
    : sql<number>`0`;
  const [authored] = await executor
    .select({ id: releaseRevisions.id })
    .from(releaseRevisions)
    .where(and(eq(releaseRevisions.releaseId, releaseId), eq(releaseRevisions.authorId, viewerId), gt(releaseRevisions.number, baseline)))
    .limit(1);
  return {
    release,
    isLive: Boolean(live),
    isOwner: release.createdBy === viewerId,
    viewerAuthoredSinceApproval: Boolean(authored),
  };
}

export async function loadRevision(executor: Executor, revisionId: string) {
  const [revision] = await executor.select().from(releaseRevisions).where(eq(releaseRevisions.id, revisionId)).limit(1);
  if (!revision) throw new Error(`revision ${revisionId} is missing`);
  return revision;
}
