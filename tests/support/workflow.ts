import { eq } from "drizzle-orm";
import type { Viewer } from "@/db/access";
import { db } from "@/db/client";
import { transitionRelease } from "@/db/releases/transition";
import { releases } from "@/db/schema";

/** The release's version as stored now. */
export async function releaseVersion(releaseId: string): Promise<number> {
  const [row] = await (await db()).select({ version: releases.version }).from(releases).where(eq(releases.id, releaseId));
  if (!row) throw new Error(`no release ${releaseId}`);
  return row.version;
}

/**
 * One workflow step by `viewer`, as the desk sends it: at the release's current version, read from the
 * database first. `extras` is what the step carries besides (a comment, a public note, a time), sent
 * as given so that tests can also send what the server must refuse; a string is the step's comment.
 */
export async function actOnRelease(viewer: Viewer, releaseId: string, action: string, extras: string | Record<string, unknown> = {}) {
  const extra = typeof extras === "string" ? { comment: extras } : extras;
  return transitionRelease(viewer, { releaseId, action, expectedVersion: await releaseVersion(releaseId), ...extra });
}

/** A writer's draft through review: the writer submits, the editor approves. */
export async function approveDraft(writer: Viewer, editor: Viewer, releaseId: string) {
  await actOnRelease(writer, releaseId, "submit");
  return actOnRelease(editor, releaseId, "approve");
}

/** A writer's draft through review and out: submitted, approved and published. */
export async function takeLive(writer: Viewer, editor: Viewer, releaseId: string) {
  await approveDraft(writer, editor, releaseId);
  return actOnRelease(editor, releaseId, "publish");
}
