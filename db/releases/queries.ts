import "server-only";
import { and, asc, eq, inArray, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { can } from "@/lib/access/permissions";
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

export const DESK_SECTIONS = ["myDrafts", "changesRequested", "inReview", "othersDrafts", "approved", "scheduled", "published"] as const;
export type DeskSectionKey = (typeof DESK_SECTIONS)[number];
export type DeskSection = { key: DeskSectionKey; /** Every matching release, not only those listed. */ count: number; releases: DeskRelease[] };

const dueAtColumn = sql<Date | null>`coalesce(${releases.publishAt}, ${releases.embargoUntil})`;

/**
 * Which desk section a release belongs to for this viewer, as SQL (null: none). Writers see their own
 * work; whoever may edit any release also sees others' drafts and everything in review or approved.
 */
function sectionOf(viewer: Viewer): SQL<DeskSectionKey | null> {
  const mine = eq(releases.createdBy, viewer.id);
  const everyone = can(viewer.role, "release:edit-any");
  const visible = everyone ? sql`true` : mine;
  return sql<DeskSectionKey | null>`case
    when ${releases.status} = 'draft' and ${mine} then 'myDrafts'
    when ${releases.status} = 'changes_requested' and ${mine} then 'changesRequested'
    when ${releases.status} in ('draft', 'changes_requested') and ${everyone ? sql`true` : sql`false`} then 'othersDrafts'
    when ${releases.status} = 'in_review' and ${visible} then 'inReview'
    when ${releases.status} = 'approved' and ${visible} then 'approved'
    when ${releases.status} in ('scheduled', 'embargoed') then 'scheduled'
    when ${releases.status} = 'published' then 'published'
  end`;
}

/**
 * The desk's sections in one query: each with the count of all its releases and the first `limit` of
 * them (scheduled soonest first, the others most recently changed first).
 */
export async function getDeskSections(viewer: Viewer, limit = 10): Promise<Record<DeskSectionKey, DeskSection>> {
  if (viewer.mustChangePassword) throw new AppError("forbidden", "Choose a new password before doing anything else.");
  const database = await db();
  const section = sectionOf(viewer);
  const ranked = database.$with("ranked").as(
    database
      .select({
        id: releases.id,
        section: sql<DeskSectionKey>`${section}`.as("section"),
        position: sql<number>`(row_number() over (partition by ${section} order by case when ${releases.status} in ('scheduled', 'embargoed') then ${dueAtColumn} end asc nulls last, ${releases.updatedAt} desc, ${releases.id}))::int`.as("position"),
        total: sql<number>`(count(*) over (partition by ${section}))::int`.as("total"),
      })
      .from(releases)
      .where(ne(releases.status, "trashed")),
  );
  const rows = await database
    .with(ranked)
    .select({ section: ranked.section, position: ranked.position, total: ranked.total, ...deskColumns })
    .from(ranked)
    .innerJoin(releases, eq(releases.id, ranked.id))
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .innerJoin(deskAuthor, eq(deskAuthor.id, releases.createdBy))
    .leftJoin(publications, and(eq(publications.releaseId, releases.id), isNull(publications.retractedAt)))
    .where(and(sql`${ranked.section} is not null`, lte(ranked.position, limit)))
    .orderBy(asc(ranked.section), asc(ranked.position));
  const sections = Object.fromEntries(DESK_SECTIONS.map((key) => [key, { key, count: 0, releases: [] as DeskRelease[] }])) as Record<DeskSectionKey, DeskSection>;
  for (const { section: key, position: _position, total, ...row } of rows) {
    const target = sections[key];
    if (!target) continue;
    target.count = total;
    target.releases.push(toDeskRelease(row));
  }
  return sections;
}

/** Scheduled and embargoed releases due in [from, to), soonest first: the desk's week calendar. */
export async function listDeskSchedule(viewer: Viewer, from: Date, to: Date): Promise<DeskRelease[]> {
  if (viewer.mustChangePassword) throw new AppError("forbidden", "Choose a new password before doing anything else.");
  const rows = await (await db())
    .select(deskColumns)
    .from(releases)
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.currentRevisionId))
    .innerJoin(deskAuthor, eq(deskAuthor.id, releases.createdBy))
    .leftJoin(publications, and(eq(publications.releaseId, releases.id), isNull(publications.retractedAt)))
    // Raw SQL gets no column mapping, so the instants go as text with an explicit type.
    .where(
      and(
        inArray(releases.status, ["scheduled", "embargoed"]),
        sql`${dueAtColumn} >= ${from.toISOString()}::timestamptz`,
        sql`${dueAtColumn} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(dueAtColumn), asc(releases.id))
    .limit(500);
  return rows.map(toDeskRelease);
}

const deskAuthor = alias(users, "author");

const deskColumns = {
  id: releases.id,
  slug: releases.slug,
  headline: releaseRevisions.headline,
  status: releases.status,
  updatedAt: releases.updatedAt,
  authorName: deskAuthor.name,
  createdBy: releases.createdBy,
  liveSlug: publications.slug,
  publishAt: releases.publishAt,
  embargoUntil: releases.embargoUntil,
  changeRequest: sql<string | null>`(select ${releaseComments.body} from ${releaseComments} where ${releaseComments.releaseId} = ${releases.id} and ${releaseComments.action} = 'request_changes' order by ${releaseComments.createdAt} desc limit 1)`,
};

function toDeskRelease({ liveSlug, publishAt, embargoUntil, ...row }: { liveSlug: string | null; publishAt: Date | null; embargoUntil: Date | null } & Omit<DeskRelease, "isLive" | "dueAt">): DeskRelease {
  return { ...row, isLive: liveSlug !== null, dueAt: publishAt ?? embargoUntil };
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
