"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addComment } from "@/db/comments/comments";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { setReleaseSlug } from "@/db/releases/set-slug";
import { transitionRelease } from "@/db/releases/transition";
import { linkTranslation, unlinkTranslation } from "@/db/releases/translations";
import { afterTransition } from "@/db/publishing/invalidate";
import { mintShareLink, revokeShareLink } from "@/db/share/share-links";
import { requireViewer } from "@/db/viewer";
import { env } from "@/env";
import { cleanInput } from "@/lib/actions/clean-input";
import { formFields } from "@/lib/actions/form-fields";
import { failure } from "@/lib/actions/result";
import { parseContentJson } from "@/lib/actions/content-json";
import type { ActionResult } from "@/lib/errors";

export type SaveState = ActionResult<{ version: number; savedAt: string }> | null;
export type TransitionState = ActionResult | null;

// Each action takes exactly the fields its form or caller sends; anything else (status, authorId, an
// approval…) is refused, not ignored. The db/ functions validate the values themselves.
const field = z.string().optional();
const createInput = z.strictObject({ contentJson: z.unknown() });
const saveInput = z.strictObject({ releaseId: z.unknown(), expectedVersion: z.unknown(), contentJson: z.unknown(), autosave: z.boolean().optional() });
const transitionForm = z.strictObject({
  releaseId: field,
  action: field,
  expectedVersion: field,
  comment: field,
  at: field,
  offset: field,
  noteKind: field,
  noteText: field,
});
const slugForm = z.strictObject({ releaseId: field, slug: field, expectedVersion: field });
const translationForm = z.strictObject({ releaseId: field, otherReleaseId: field });
const commentForm = z.strictObject({ releaseId: field, parentId: field, body: field });
const mintForm = z.strictObject({ releaseId: field, label: field, validHours: field });
const revokeForm = z.strictObject({ releaseId: field, linkId: field });

export async function createReleaseAction(input: { contentJson: string }): Promise<ActionResult<{ id: string }>> {
  let id: string;
  try {
    const viewer = await requireViewer();
    const { contentJson } = createInput.parse(cleanInput(input));
    ({ id } = await createRelease(viewer, parseContentJson(contentJson)));
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
  /** Autosaves by the same author within a few minutes share one revision. */
  autosave?: boolean;
}): Promise<ActionResult<{ version: number; savedAt: string }>> {
  try {
    const viewer = await requireViewer();
    const { releaseId, expectedVersion, contentJson, autosave } = saveInput.parse(cleanInput(input));
    const result = await saveRelease(viewer, { releaseId, expectedVersion, content: parseContentJson(contentJson) }, { autosave: autosave === true });
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
    const input = transitionForm.parse(formFields(form));
    const text = (value: string | undefined) => (value?.trim() ? value : undefined);
    const comment = text(input.comment);
    const local = text(input.at);
    const offset = text(input.offset);
    const noteKind = text(input.noteKind);
    const noteText = text(input.noteText);
    const result = await transitionRelease(viewer, {
      releaseId: input.releaseId,
      action: input.action,
      expectedVersion: input.expectedVersion,
      ...(comment ? { comment } : {}),
      ...(local ? { at: { local, ...(offset ? { offset } : {}) } } : {}),
      ...(noteKind && noteText ? { note: { kind: noteKind, text: noteText } } : {}),
    });
    afterTransition(result);
    revalidatePath("/desk");
    revalidatePath(`/desk/releases/${String(input.releaseId)}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function setSlugAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    const input = slugForm.parse(formFields(form));
    await setReleaseSlug(viewer, { releaseId: input.releaseId, slug: input.slug, expectedVersion: input.expectedVersion });
    revalidatePath(`/desk/releases/${String(input.releaseId)}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function linkTranslationAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    const input = translationForm.parse(formFields(form));
    await linkTranslation(viewer, { releaseId: input.releaseId, otherReleaseId: input.otherReleaseId });
    revalidatePath(`/desk/releases/${String(input.releaseId)}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function unlinkTranslationAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    const input = translationForm.parse(formFields(form));
    await unlinkTranslation(viewer, { releaseId: input.otherReleaseId });
    revalidatePath(`/desk/releases/${String(input.releaseId)}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function addCommentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    const { releaseId, body, parentId } = commentForm.parse(formFields(form));
    await addComment(viewer, { releaseId, body, ...(parentId ? { parentId } : {}) });
    revalidatePath(`/desk/releases/${String(releaseId)}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function mintShareLinkAction(
  _previous: ActionResult<{ url: string; expiresAt: string }> | null,
  form: FormData,
): Promise<ActionResult<{ url: string; expiresAt: string }>> {
  try {
    const viewer = await requireViewer();
    const { releaseId, label, validHours } = mintForm.parse(formFields(form));
    const { token, expiresAt } = await mintShareLink(viewer, { releaseId, label: label ?? "", validHours });
    revalidatePath(`/desk/releases/${String(releaseId)}`);
    return { ok: true, value: { url: `${env.siteUrl}/share/${token}`, expiresAt: expiresAt.toISOString() } };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeShareLinkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    const { releaseId, linkId } = revokeForm.parse(formFields(form));
    await revokeShareLink(viewer, { linkId });
    revalidatePath(`/desk/releases/${String(releaseId)}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
