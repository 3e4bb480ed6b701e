"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { setReleaseSlug } from "@/db/releases/set-slug";
import { transitionRelease } from "@/db/releases/transition";
import { invalidatePublicPages } from "@/db/publishing/invalidate";
import { requireViewer } from "@/db/viewer";
import { failure } from "@/lib/actions/result";
import { AppError, type ActionResult } from "@/lib/errors";

/** Above the 1 MB body limit, below the server-action transport limit (next.config.ts). */
const MAX_CONTENT_JSON_LENGTH = 4_000_000;

export type SaveState = ActionResult<{ version: number; savedAt: string }> | null;
export type TransitionState = ActionResult | null;

/**
 * Release content travels as JSON text: editor documents carry objects React's action encoding cannot
 * pass by value, and one string is what the size limit and the validation are written for.
 */
function parseContentJson(contentJson: unknown): unknown {
  if (typeof contentJson !== "string") throw new AppError("invalid", "The release content is missing.");
  if (contentJson.length > MAX_CONTENT_JSON_LENGTH) {
    throw new AppError(
      "invalid",
      `The release is too long to save (${(contentJson.length / 1_000_000).toFixed(1)} MB; the limit is ${MAX_CONTENT_JSON_LENGTH / 1_000_000} MB). Split it, or remove pasted images and formatting.`,
    );
  }
  try {
    return JSON.parse(contentJson);
  } catch {
    throw new AppError("invalid", "The release could not be read. Copy your text somewhere safe and reload the page.");
  }
}

export async function createReleaseAction(input: { contentJson: string }): Promise<ActionResult<{ id: string }>> {
  let id: string;
  try {
    const viewer = await requireViewer();
    ({ id } = await createRelease(viewer, parseContentJson(input.contentJson)));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/desk");
  redirect(`/desk/releases/${id}`);
}

export async function saveReleaseAction(input: {
  releaseId: string;
  expectedVersion: number;
  contentJson: string;
}): Promise<ActionResult<{ version: number; savedAt: string }>> {
  try {
    const viewer = await requireViewer();
    const result = await saveRelease(viewer, {
      releaseId: input.releaseId,
      expectedVersion: input.expectedVersion,
      content: parseContentJson(input.contentJson),
    });
    if (result.changed) revalidatePath("/desk");
    return { ok: true, value: { version: result.version, savedAt: new Date().toISOString() } };
  } catch (error) {
    return failure(error);
  }
}

/** The workflow buttons post here; the action name comes from the pressed button. */
export async function transitionReleaseAction(_previous: TransitionState, form: FormData): Promise<TransitionState> {
  try {
    const viewer = await requireViewer();
    const comment = form.get("comment");
    const result = await transitionRelease(viewer, {
      releaseId: form.get("releaseId"),
      action: form.get("action"),
      expectedVersion: form.get("expectedVersion"),
      ...(typeof comment === "string" && comment.trim() ? { comment } : {}),
    });
    const slug = result.publishedSlug ?? result.retractedSlug;
    if (slug) invalidatePublicPages(slug);
    revalidatePath("/desk");
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function setSlugAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    await setReleaseSlug(viewer, { releaseId: form.get("releaseId"), slug: form.get("slug"), expectedVersion: form.get("expectedVersion") });
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
