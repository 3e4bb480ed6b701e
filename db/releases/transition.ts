import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { publicNoteSchema } from "@/lib/content/release";
import { AppError } from "@/lib/errors";
import { checkTransition, denialToError, isReleaseAction, type ReleaseAction } from "@/lib/workflow/transitions";
import { resolveLocalTime } from "@/lib/time/zoned";
import type { Transaction } from "../audit/append";
import { db } from "../client";
import { settings } from "../schema";
import type { Viewer } from "../access";
import { applyTransition, type AppliedTransition } from "./apply-transition";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext } from "./load";
import { CONFLICT_MESSAGE } from "./save";

const transitionInput = z.strictObject({
  releaseId: releaseIdSchema,
  action: z.string().refine(isReleaseAction, "That is not something you can do to a release."),
  expectedVersion: versionSchema,
  comment: z.string().trim().max(5000, "The comment is too long (at most 5,000 characters).").optional(),
  /** For schedule and embargo: a local date-time in the organisation's zone, and the offset when it is ambiguous. */
  at: z.strictObject({ local: z.string().max(20), offset: z.string().max(6).optional() }).optional(),
  /** With publish, for an update of a live release: a public note listed on its page. */
  note: publicNoteSchema.optional(),
});

export type TransitionResult = Omit<AppliedTransition, "email">;

/**
 * One state change by a person: the workflow table decides, then applyTransition writes the state, its
 * effects and the audit row in one transaction. The caller invalidates public caches after it commits.
 */
export async function transitionRelease(viewer: Viewer, input: unknown): Promise<TransitionResult> {
  const parsed = transitionInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "That request is not valid.");
  const { releaseId, expectedVersion, comment } = parsed.data;
  const action = parsed.data.action as ReleaseAction;

  return (await db()).transaction(async (tx) => {
    const context = await loadReleaseContext(tx, releaseId, viewer.id, { lock: true });
    const { release } = context;
    const check = checkTransition(action, { role: viewer.role, status: release.status, ...context });
    if (!check.ok) throw denialToError(check);
    if (release.version !== expectedVersion) throw new AppError("conflict", CONFLICT_MESSAGE, { currentVersion: release.version });
    const { requires = [], effects } = check.transition;
    if ((requires.includes("comment") || requires.includes("reason")) && !comment) {
      throw new AppError("invalid", requires.includes("reason") ? "Give the reason for the retraction." : "Say what needs to change.");
    }
    const note = parsed.data.note ?? null;
    if (note && (!effects.takesNote || !context.isLive)) {
      throw new AppError("invalid", "A correction or update note goes with publishing an update of a release that is already public.");
    }
    const now = new Date();
    const at = requires.includes("time") ? await resolveScheduleTime(tx, parsed.data.at, now) : null;
    const { email: _queued, ...result } = await applyTransition(tx, release, check.transition, viewer, { now, comment, note, at });
    return result;
  });
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
