import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { changeSize, diffRevisions, EMPTY_REVISION, type RevisionDiff } from "@/lib/content/diff";
import type { ReleaseContent } from "@/lib/content/release";
import { AppError } from "@/lib/errors";
import { checkEdit } from "@/lib/workflow/transitions";
import type { ReleaseStatus } from "@/lib/workflow/states";
import { appendAudit, type Executor } from "../audit/append";
import { db } from "../client";
import { publications, releaseRevisions, releases, releaseTypes, settings, topics, users } from "../schema";
import { assertCan, type Viewer } from "../access";
import { contentOfRevision, parseReleaseContent } from "./content";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext } from "./load";
import { lockForEdit, writeReleaseContent } from "./save";

type RevisionRow = typeof releaseRevisions.$inferSelect;

export type RevisionSummary = {
  id: string;
  number: number;
  authorId: string;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
  /** The release's working copy now. */
  isCurrent: boolean;
  /** The revision an editor approved, while that approval stands. */
  isApproved: boolean;
  /** The revision last published (live or retracted since). */
  isPublished: boolean;
  /** The revision the public site shows now. */
  isLive: boolean;
};

export type RevisionListItem = RevisionSummary & {
  /** Against the revision before it (the first against an empty release). */
  wordsAdded: number;
  wordsRemoved: number;
};

export type RevisionHistory = {
  release: { id: string; slug: string; status: ReleaseStatus; version: number; headline: string };
  /** Whether this viewer may restore (the same rule as editing the release now). */
  canRestore: boolean;
  /** Why not, when they may not. */
  restoreBlockedReason: string | null;
  /** Newest first. */
  revisions: RevisionListItem[];
  /** The organisation's time zone, for showing times. */
  timeZone: string;
};

const revisionNumberSchema = z.coerce.number().int().min(1).max(2_147_483_647);

function parseReleaseId(value: unknown): string {
  const parsed = releaseIdSchema.safeParse(value);
  if (!parsed.success) throw new AppError("not_found", "That release does not exist.");
  return parsed.data;
}

/**
 * Every revision of a release with who wrote it, when, and how much it changed. Any signed-in staff
 * member may read a release's history, as they may open its editor.
 */
export async function listRevisions(viewer: Viewer, releaseId: unknown): Promise<RevisionHistory> {
  const id = parseReleaseId(releaseId);
  const database = await db();
  const context = await loadReleaseContext(database, id, viewer.id);
  const rows = await database.select().from(releaseRevisions).where(eq(releaseRevisions.releaseId, id)).orderBy(asc(releaseRevisions.number));
  const [labels, summaries, [organisation]] = await Promise.all([
    loadLabels(database, rows),
    summarize(database, context.release, rows),
    database.select({ timeZone: settings.timeZone }).from(settings).limit(1),
  ]);

  const items: RevisionListItem[] = [];
  let previous: ReleaseContent = EMPTY_REVISION;
  rows.forEach((row, index) => {
    const current = diffable(row, labels);
    const size = changeSize(diffRevisions(previous, current));
    items.push({ ...summaries[index]!, ...size });
    previous = current;
  });

  const { release } = context;
  const currentRow = rows.find((row) => row.id === release.currentRevisionId);
  const edit = checkEdit({ role: viewer.role, isOwner: context.isOwner, status: release.status, isLive: context.isLive });
  return {
    release: { id: release.id, slug: release.slug, status: release.status, version: release.version, headline: currentRow?.headline ?? "" },
    canRestore: edit.ok,
    restoreBlockedReason: edit.ok ? null : edit.message,
    revisions: items.reverse(),
    timeZone: organisation?.timeZone ?? "UTC",
  };
}

/** Two revisions of one release and what changed from the first to the second. */
export async function getRevisionPair(
  viewer: Viewer,
  releaseId: unknown,
  fromNumber: unknown,
  toNumber: unknown,
): Promise<{ from: RevisionSummary; to: RevisionSummary; diff: RevisionDiff }> {
  const id = parseReleaseId(releaseId);
  const from = revisionNumberSchema.safeParse(fromNumber);
  const to = revisionNumberSchema.safeParse(toNumber);
  if (!from.success || !to.success) throw new AppError("not_found", "That revision does not exist.");
  const database = await db();
  const { release } = await loadReleaseContext(database, id, viewer.id);
  const rows = await database
    .select()
    .from(releaseRevisions)
    .where(and(eq(releaseRevisions.releaseId, id), inArray(releaseRevisions.number, [from.data, to.data])));
  const fromRow = rows.find((row) => row.number === from.data);
  const toRow = rows.find((row) => row.number === to.data);
  if (!fromRow || !toRow) throw new AppError("not_found", "That revision does not exist.");
  const pair = [fromRow, toRow];
  const [labels, [fromSummary, toSummary]] = await Promise.all([loadLabels(database, pair), summarize(database, release, pair)]);
  return { from: fromSummary!, to: toSummary!, diff: diffRevisions(diffable(fromRow, labels), diffable(toRow, labels)) };
}

const restoreInput = z.strictObject({
  releaseId: releaseIdSchema,
  revisionNumber: revisionNumberSchema,
  expectedVersion: versionSchema,
});

/**
 * Makes an old revision's content the working copy again, as a new revision. It is a save like any
 * other (same edit rules, version check, approval voiding; never merged into the current revision),
 * recorded in the audit log as `revision_restored`. Restoring text identical to the current revision
 * changes nothing.
 */
export async function restoreRevision(viewer: Viewer, input: unknown): Promise<{ version: number; changed: boolean }> {
  assertCan(viewer, "release:edit-own");
  const parsed = restoreInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "That request is not valid.");
  const { releaseId, revisionNumber, expectedVersion } = parsed.data;

  return (await db()).transaction(async (tx) => {
    // Rights first: someone who may not edit the release learns nothing about its revisions.
    await lockForEdit(tx, viewer, releaseId);
    const [old] = await tx
      .select()
      .from(releaseRevisions)
      .where(and(eq(releaseRevisions.releaseId, releaseId), eq(releaseRevisions.number, revisionNumber)))
      .limit(1);
    if (!old) throw new AppError("not_found", "That revision does not exist.");
    const [type] = old.typeId ? await tx.select({ slug: releaseTypes.slug }).from(releaseTypes).where(eq(releaseTypes.id, old.typeId)) : [];
    const content = parseReleaseContent(contentOfRevision(old, type?.slug ?? null));
    const saved = await writeReleaseContent(tx, viewer, { releaseId, expectedVersion, content }, { now: new Date(), coalesce: false });
    if (saved.changed) {
      await appendAudit(tx, {
        action: "revision_restored",
        actorId: viewer.id,
        actorEmail: viewer.email,
        releaseId,
        revisionId: saved.revisionId,
        detail: { fromRevision: revisionNumber },
      });
    }
    return { version: saved.version, changed: saved.changed };
  });
}

// ---------------------------------------------------------------------------------------------

type Labels = { types: Map<string, string>; topics: Map<string, string> };

/** Display names of the types and topics the revisions use (a topic since deleted shows its slug). */
async function loadLabels(executor: Executor, rows: RevisionRow[]): Promise<Labels> {
  const typeIds = [...new Set(rows.map((row) => row.typeId).filter((value): value is string => value !== null))];
  const topicSlugs = [...new Set(rows.flatMap((row) => row.topics))];
  const [typeRows, topicRows] = await Promise.all([
    typeIds.length ? executor.select({ id: releaseTypes.id, name: releaseTypes.name }).from(releaseTypes).where(inArray(releaseTypes.id, typeIds)) : [],
    topicSlugs.length ? executor.select({ slug: topics.slug, name: topics.name }).from(topics).where(inArray(topics.slug, topicSlugs)) : [],
  ]);
  return {
    types: new Map(typeRows.map((row) => [row.id, row.name])),
    topics: new Map(topicRows.map((row) => [row.slug, row.name])),
  };
}

/** A revision's content as people read it, for the diff: the type's name and the topics' names. */
function diffable(row: RevisionRow, labels: Labels): ReleaseContent {
  const content = contentOfRevision(row, row.typeId ? (labels.types.get(row.typeId) ?? "Unknown type") : null);
  return { ...content, topics: row.topics.map((slug) => labels.topics.get(slug) ?? slug) };
}

/** Author names and the release's markers (current, approved, published, live) for each row, in order. */
async function summarize(executor: Executor, release: typeof releases.$inferSelect, rows: RevisionRow[]): Promise<RevisionSummary[]> {
  const authorIds = [...new Set(rows.map((row) => row.authorId))];
  const [authors, live] = await Promise.all([
    authorIds.length ? executor.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds)) : [],
    executor
      .select({ revisionId: publications.revisionId })
      .from(publications)
      .where(and(eq(publications.releaseId, release.id), isNull(publications.retractedAt)))
      .limit(1),
  ]);
  const names = new Map(authors.map((author) => [author.id, author.name]));
  const liveRevisionId = live[0]?.revisionId ?? null;
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    authorId: row.authorId,
    authorName: names.get(row.authorId) ?? "Unknown",
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isCurrent: row.id === release.currentRevisionId,
    isApproved: row.id === release.approvedRevisionId && release.approvedContentHash !== null,
    isPublished: row.id === release.publishedRevisionId,
    isLive: row.id === liveRevisionId,
  }));
}
