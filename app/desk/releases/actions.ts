"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { transitionRelease } from "@/db/releases/transition";
import { invalidatePublicPages } from "@/db/publishing/invalidate";
import { requireViewer } from "@/db/viewer";
import { failure } from "@/lib/actions/result";
import { AppError, type ActionResult } from "@/lib/errors";

export type SaveState = ActionResult<{ version: number; savedAt: string }> | null;
export type TransitionState = ActionResult | null;

/**
 * Bodies travel as JSON text: editor documents carry objects React's action encoding cannot pass by
 * value, and a string is what our size limit and validation are written for.
 */
function parseBodyJson(bodyJson: unknown): unknown {
  if (typeof bodyJson !== "string") throw new AppError("invalid", "The text of the release is missing.");
  try {
    return JSON.parse(bodyJson);
  } catch {
    throw new AppError("invalid", "The text of the release could not be read. Copy it somewhere safe and reload the page.");
  }
}

export async function createReleaseAction(input: { headline: string; bodyJson: string }): Promise<ActionResult<{ id: string }>> {
  let id: string;
  try {
    const viewer = await requireViewer();
    ({ id } = await createRelease(viewer, { headline: input.headline, body: parseBodyJson(input.bodyJson) }));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/desk");
  redirect(`/desk/releases/${id}`);
}

export async function saveReleaseAction(input: {
  releaseId: string;
  expectedVersion: number;
  content: { headline: string; bodyJson: string };
}): Promise<ActionResult<{ version: number; savedAt: string }>> {
  try {
    const viewer = await requireViewer();
    const result = await saveRelease(viewer, {
      releaseId: input.releaseId,
      expectedVersion: input.expectedVersion,
      content: { headline: input.content.headline, body: parseBodyJson(input.content.bodyJson) },
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
