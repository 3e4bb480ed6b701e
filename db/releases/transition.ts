import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { checkTransition, denialToError, isReleaseAction, type ReleaseAction } from "@/lib/workflow/transitions";
import type { ReleaseStatus } from "@/lib/workflow/states";
import { resolveLocalTime } from "@/lib/time/zoned";
import { appendAudit, type Transaction } from "../audit/append";
import { insertComment } from "../comments/comments";
import { notifyWorkflowEvent } from "../notifications/notify";
import { sendNotificationEmails, type NotificationEmail } from "../notifications/send-emails";
import { db } from "../client";
import { writePublication } from "../publishing/publish";
import { publications, releases, settings } from "../schema";
import type { Viewer } from "../access";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext, loadRevision } from "./load";
import { CONFLICT_MESSAGE } from "./save";
import { announcePublicChange } from "../publishing/public-change";
import type { FeedMembership } from "@/lib/feeds/websub";

const transitionInput = z.strictObject({
  releaseId: releaseIdSchema,
  action: z.string().refine(isReleaseAction, "That is not something you can do to a release."),
  expectedVersion: versionSchema,
  comment: z.string().trim().max(5000, "The comment is too long (at most 5,000 characters).").optional(),
  /** For schedule and embargo: a local date-time in the organisation's zone, and the offset when it is ambiguous. */
  at: z.strictObject({ local: z.string().max(20), offset: z.string().max(6).optional() }).optional(),
  /** With publish, for an update of a live release: a public note listed on its page. */
  note: z
    .strictObject({
      kind: z.enum(["correction", "update"]),
      text: z.string().trim().min(1, "Write the note.").max(1000, "The note is too long (at most 1,000 characters)."),
    })
    .optional(),
});

export type TransitionResult = {
  status: ReleaseStatus;
  version: number;
  publishedSlug: string | null;
  retractedSlug: string | null;
  /** The feeds whose content changed (for the WebSub hub). */
  changedFeeds: FeedMembership[];
};

/**
 * One state change: the workflow table decides, then one transaction writes the state, any approval or
 * publication, and the audit row. The caller invalidates public caches after it commits.
 */
export async function transitionRelease(viewer: Viewer, input: unknown): Promise<TransitionResult> {
  const parsed = transitionInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "That request is not valid.");
  const { releaseId, expectedVersion, comment } = parsed.data;
  const action = parsed.data.action as ReleaseAction;

  const { result, email } = await (await db()).transaction(async (tx) => {
    const context = await loadReleaseContext(tx, releaseId, viewer.id, { lock: true });
    const { release } = context;
    const check = checkTransition(action, { role: viewer.role, status: release.status, ...context });
    if (!check.ok) throw denialToError(check);
    if (release.version !== expectedVersion) throw new AppError("conflict", CONFLICT_MESSAGE, { currentVersion: release.version });
    const requires = check.transition.requires ?? [];
    if ((requires.includes("comment") || requires.includes("reason")) && !comment) {
      throw new AppError("invalid", action === "retract" ? "Give the reason for the retraction." : "Say what needs to change.");
    }

    const now = new Date();
    const to = check.transition.to;
    const changes: Partial<typeof releases.$inferInsert> = { status: to, version: release.version + 1, updatedAt: now };
    let publishedSlug: string | null = null;
    let retractedSlug: string | null = null;
    let changedFeeds: FeedMembership[] = [];
    let revisionId = release.currentRevisionId;

    if (action === "approve") {
      const revision = await loadRevision(tx, release.currentRevisionId!);
      Object.assign(changes, {
        approvedRevisionId: revision.id,
        approvedContentHash: revision.contentHash,
        approvedBy: viewer.id,
        approvedAt: now,
      });
      revisionId = revision.id;
    }
    const note = parsed.data.note ?? null;
    if (note && (action !== "publish" || !context.isLive)) {
      throw new AppError("invalid", "A correction or update note goes with publishing an update of a release that is already public.");
    }
    if (action === "publish") {
      const published = await writePublication(tx, release, viewer.id, now, note);
      Object.assign(changes, { publishedRevisionId: published.revisionId, firstPublishedAt: release.firstPublishedAt ?? now, publishAt: null, embargoUntil: null });
      publishedSlug = published.slug;
      changedFeeds = published.feeds;
      revisionId = published.revisionId;
    }
    if (action === "schedule" || action === "embargo") {
      const when = await resolveScheduleTime(tx, parsed.data.at, now);
      Object.assign(changes, action === "schedule" ? { publishAt: when, embargoUntil: null } : { embargoUntil: when, publishAt: null });
    }
    if (action === "unschedule") Object.assign(changes, { publishAt: null, embargoUntil: null });
    if (action === "retract") {
      changedFeeds = await tx
        .update(publications)
        .set({ retractedAt: now, retractionReason: comment!, updatedAt: now })
        .where(and(eq(publications.releaseId, releaseId), isNull(publications.retractedAt)))
        .returning({ topics: publications.topics, typeSlug: publications.typeSlug, language: publications.language });
      await announcePublicChange(tx, { slugs: [release.slug] });
      retractedSlug = release.slug;
    }
    if (action === "trash") changes.deletedAt = now;
    if (action === "restore") changes.deletedAt = null;

    if (comment && (action === "request_changes" || action === "retract")) {
      await insertComment(tx, { releaseId, authorId: viewer.id, body: comment, action, revisionId });
    }

    const [updated] = await tx
      .update(releases)
      .set(changes)
      .where(and(eq(releases.id, releaseId), eq(releases.version, expectedVersion), eq(releases.status, release.status)))
      .returning({ version: releases.version });
    if (!updated) throw new AppError("conflict", CONFLICT_MESSAGE);
    await appendAudit(tx, {
      action,
      actorId: viewer.id,
      actorEmail: viewer.email,
      releaseId,
      fromState: release.status,
      toState: to,
      revisionId,
      comment: comment ?? null,
      detail:
        action === "approve"
          ? { contentHash: changes.approvedContentHash }
          : action === "schedule" || action === "embargo"
            ? { at: (changes.publishAt ?? changes.embargoUntil)?.toISOString() }
            : note
              ? { note }
              : {},
    });
    let email: NotificationEmail | null = null;
    if (revisionId) {
      const { headline } = await loadRevision(tx, revisionId);
      const notified = await notifyWorkflowEvent(tx, { action, releaseId, headline, authorId: release.createdBy, actor: { id: viewer.id, name: viewer.name } });
      email = notified?.email ?? null;
    }
    const result: TransitionResult = { status: to, version: updated.version, publishedSlug, retractedSlug, changedFeeds };
    return { result, email };
  });
  if (email) sendNotificationEmails([email]); // committed: now the recipients may hear of it
  return result;
}

/** The instant a schedule or embargo names, in the organisation's zone; refused when missing, past or ambiguous. */
async function resolveScheduleTime(tx: Transaction, at: { local: string; offset?: string } | undefined, now: Date): Promise<Date> {
  if (!at) throw new AppError("invalid", "Choose the date and time.");
  const [row] = await tx.select({ timeZone: settings.timeZone }).from(settings).where(eq(settings.id, 1));
  const timeZone = row?.timeZone ?? "UTC";
  const resolved = resolveLocalTime(at.local, timeZone, at.offset);
  if (!resolved.ok) {
    throw new AppError("invalid", resolved.message, resolved.code === "ambiguous" ? { choices: resolved.choices.map(({ offset, label }) => ({ offset, label })) } : undefined);
  }
  if (resolved.instant.getTime() <= now.getTime()) throw new AppError("invalid", `That time has already passed (${timeZone}). Choose a time in the future, or publish now.`);
  return resolved.instant;
}
