import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { PublicNote } from "@/lib/content/release";
import { AppError } from "@/lib/errors";
import type { FeedMembership } from "@/lib/feeds/websub";
import type { ReleaseStatus } from "@/lib/workflow/states";
import type { Transition } from "@/lib/workflow/transitions";
import type { Viewer } from "../access";
import { appendAudit, type Transaction } from "../audit/append";
import { insertComment } from "../comments/comments";
import { notifyWorkflowEvent } from "../notifications/notify";
import type { NotificationEmail } from "../notifications/send-emails";
import { withdrawalOf, type PublicChange } from "@/lib/cache/change-notice";
import { announcePublicChange } from "../publishing/public-change";
import { enqueueWebSubPings } from "../publishing/websub";
import { liveTranslationSlugs, writePublication } from "../publishing/publish";
import { publications, releases } from "../schema";
import { loadRevision, type ReleaseRow } from "./load";
import { CONFLICT_MESSAGE } from "./save";

/** Who takes the step: a person whom checkTransition allowed, or the scheduler (checkSystemTransition). */
export type TransitionActor = Pick<Viewer, "id" | "email" | "name"> | "system";

export type TransitionInput = {
  now: Date;
  comment?: string | null;
  note?: PublicNote | null;
  /** The instant the person chose, for a transition that sets the chosen time. */
  at?: Date | null;
  /**
   * The caller gathers the public changes of several transitions (the scheduler's batch) and announces
   * them in one notice; otherwise this transition announces its own.
   */
  batchNotice?: boolean;
};

export type AppliedTransition = {
  status: ReleaseStatus;
  version: number;
  publishedSlug: string | null;
  retractedSlug: string | null;
  /** The feeds whose content changed (for the WebSub hub). */
  changedFeeds: FeedMembership[];
  /** What changed on the public site (announced to every instance; the caller expires its own cache with it). */
  publicChange: PublicChange | null;
  /** The email of the notices, already queued in this transaction (notification_email jobs). */
  email: NotificationEmail | null;
};

/**
 * Carries out a checked transition inside the caller's transaction, for people and the scheduler alike:
 * the effects the workflow table declares, the state change (refused as a conflict if the row moved
 * since it was read), the audit row, the notices with their queued emails, and the queued WebSub pings.
 * Cache expiry stays with the caller, after commit.
 */
export async function applyTransition(
  tx: Transaction,
  release: ReleaseRow,
  transition: Transition,
  actor: TransitionActor,
  input: TransitionInput,
): Promise<AppliedTransition> {
  const person = actor === "system" ? null : actor;
  if ((transition.actor === "system") !== (person === null)) {
    throw new Error(`invariant: ${transition.action} is not taken by ${person ? "a person" : "the scheduler"}`);
  }
  const { action, effects, to } = transition;
  const { now } = input;
  const comment = input.comment ?? null;
  const note = input.note ?? null;
  if (note && !effects.takesNote) throw new Error(`invariant: ${action} takes no public note`);

  const changes: Partial<typeof releases.$inferInsert> = { status: to, version: release.version + 1, updatedAt: now };
  const detail: Record<string, unknown> = {};
  let revisionId = release.currentRevisionId;
  let publishedSlug: string | null = null;
  let retractedSlug: string | null = null;
  let changedFeeds: FeedMembership[] = [];
  let publicChange: PublicChange | null = null;

  if (effects.pinsApproval) {
    const revision = await loadRevision(tx, release.currentRevisionId!);
    Object.assign(changes, { approvedRevisionId: revision.id, approvedContentHash: revision.contentHash, approvedBy: person?.id ?? null, approvedAt: now });
    revisionId = revision.id;
    detail.contentHash = revision.contentHash;
  }
  if (effects.publication === "write") {
    const published = await writePublication(tx, release, person?.id ?? null, now, note);
    Object.assign(changes, { publishedRevisionId: published.revisionId, firstPublishedAt: release.firstPublishedAt ?? now });
    publishedSlug = published.slug;
    changedFeeds = published.feeds;
    publicChange = { slugs: published.changedSlugs, tags: [], withdrawn: [] };
    revisionId = published.revisionId;
  }
  if (effects.publication === "retract") {
    if (!comment) throw new Error("invariant: a retraction needs its reason");
    changedFeeds = await tx
      .update(publications)
      .set({ retractedAt: now, retractionReason: comment, updatedAt: now })
      .where(and(eq(publications.releaseId, release.id), isNull(publications.retractedAt)))
      .returning({ topics: publications.topics, typeSlug: publications.typeSlug, language: publications.language });
    // What left the public site travels in the notice: every instance answers 410 for it from then on.
    publicChange = { slugs: [release.slug, ...(await liveTranslationSlugs(tx, release))], tags: [], withdrawn: [withdrawalOf(release.slug, now, comment)] };
    retractedSlug = release.slug;
  }
  if (effects.sets) {
    const instant = effects.sets.to === "now" ? now : input.at;
    if (!instant) throw new Error(`invariant: ${action} needs the chosen time`);
    changes[effects.sets.field] = instant;
    if (effects.sets.to === "chosen_time") detail.at = instant.toISOString();
  }
  for (const field of effects.clears) changes[field] = null;
  if (effects.recordsDueTime) detail.dueAt = (release.publishAt ?? release.embargoUntil)?.toISOString() ?? null;
  if (note) detail.note = note;

  if (person && comment && effects.keepsComment) {
    await insertComment(tx, { releaseId: release.id, authorId: person.id, body: comment, action, revisionId });
  }

  const [updated] = await tx
    .update(releases)
    .set(changes)
    .where(and(eq(releases.id, release.id), eq(releases.version, release.version), eq(releases.status, release.status)))
    .returning({ version: releases.version });
  if (!updated) throw new AppError("conflict", CONFLICT_MESSAGE);
  await appendAudit(tx, {
    action,
    actorId: person?.id ?? null,
    actorEmail: person?.email ?? "scheduler",
    releaseId: release.id,
    fromState: release.status,
    toState: to,
    revisionId,
    comment,
    detail,
  });

  let email: NotificationEmail | null = null;
  if (effects.notify && revisionId) {
    const { headline } = await loadRevision(tx, revisionId);
    const notified = await notifyWorkflowEvent(tx, {
      action,
      releaseId: release.id,
      headline,
      authorId: release.createdBy,
      actor: person ? { id: person.id, name: person.name } : "system",
    });
    email = notified?.email ?? null;
  }
  if (changedFeeds.length > 0) await enqueueWebSubPings(tx, changedFeeds);
  if (publicChange && !input.batchNotice) await announcePublicChange(tx, publicChange);
  return { status: to, version: updated.version, publishedSlug, retractedSlug, changedFeeds, publicChange, email };
}
