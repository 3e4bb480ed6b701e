import "server-only";
import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { AppError } from "@/lib/errors";
import { allowedActions, checkEdit } from "@/lib/workflow/transitions";
import type { ReleaseStatus } from "@/lib/workflow/states";
import { db } from "../client";
import { publications, releaseComments, releaseRevisions, releases, releaseTypes, users } from "../schema";
import type { Viewer } from "../access";
import { contentOfRevision } from "./content";
import { releaseIdSchema } from "./input";
import { loadReleaseContext, loadRevision } from "./load";

export type DeskRelease = {
  id: string;
  slug: string;
  headline: string;
  status: ReleaseStatus;
  updatedAt: Date;
  authorName: string;
  createdBy: string;
  isLive: boolean;
  /** When a scheduled or embargoed release goes live. */
  dueAt: Date | null;
  /** The latest change request's comment, for releases sent back to their writer. */
  changeRequest: string | null;
};

/** Every release that is not in the trash, newest activity first, for the desk's lists. */
export async function listDeskReleases(_viewer: Viewer): Promise<DeskRelease[]> {
  const author = alias(users, "author");
  const rows = await (await db())
    .select({
      id: releases.id,
      slug: releases.slug,
      headline: releaseRevisions.headline,
      status: releases.status,
      updatedAt: releases.updatedAt,
      authorName: author.name,
      createdBy: releases.createdBy,
      liveSlug: publications.slug,
      publishAt: releases.publishAt,
      embargoUntil: releases.embargoUntil,
      changeRequest: sql<string | null>`(select ${releaseComments.body} from ${releaseComments} where ${releaseComments.releaseId} = ${releases.id} and ${releaseComments.action} = 'request_changes' order by ${releaseComments.createdAt} desc limit 1)`,
    })
    .from(releases)
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .innerJoin(author, eq(author.id, releases.createdBy))
    .leftJoin(publications, and(eq(publications.releaseId, releases.id), isNull(publications.retractedAt)))
    .where(ne(releases.status, "trashed"))
    .orderBy(desc(releases.updatedAt))
    .limit(500);
  return rows.map(({ liveSlug, publishAt, embargoUntil, ...row }) => ({ ...row, isLive: liveSlug !== null, dueAt: publishAt ?? embargoUntil }));
}

/** A release as its editor page needs it, with the actions the server will accept from this viewer now. */
export async function getReleaseForEditor(viewer: Viewer, id: unknown) {
  const parsed = releaseIdSchema.safeParse(id);
  if (!parsed.success) throw new AppError("not_found", "That release does not exist.");
  const database = await db();
  const context = await loadReleaseContext(database, parsed.data, viewer.id);
  const { release } = context;
  const revision = await loadRevision(database, release.currentRevisionId!);
  const transitionContext = { role: viewer.role, status: release.status, ...context };
  const edit = checkEdit({ role: viewer.role, isOwner: context.isOwner, status: release.status, isLive: context.isLive });
  const [author] = await database.select({ name: users.name }).from(users).where(eq(users.id, release.createdBy));
  const [type] = revision.typeId ? await database.select({ slug: releaseTypes.slug }).from(releaseTypes).where(eq(releaseTypes.id, revision.typeId)) : [];
  return {
    release,
    revision,
    content: contentOfRevision(revision, type?.slug ?? null),
    authorName: author?.name ?? "Unknown",
    isLive: context.isLive,
    canEdit: edit.ok,
    editNotice: edit.ok ? edit.notice : edit.message,
    actions: allowedActions(transitionContext),
  };
}

export async function countByStatus(statuses: ReleaseStatus[]) {
  return (await db()).select({ id: releases.id }).from(releases).where(inArray(releases.status, statuses));
}
