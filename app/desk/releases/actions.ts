"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addComment } from "@/db/comments/comments";
import { createRelease } from "@/db/releases/create";
import { saveWorkingCopy } from "@/db/releases/save";
import { setReleaseSlug } from "@/db/releases/set-slug";
import { transitionRelease } from "@/db/releases/transition";
import { linkTranslation, unlinkTranslation } from "@/db/releases/translations";
import { afterTransition, expirePublicChange } from "@/db/publishing/invalidate";
import { mintShareLink, revokeShareLink } from "@/db/share/share-links";
import { env } from "@/env";
import { parseContentJson } from "@/lib/actions/content-json";
import type { ActionResult } from "@/lib/errors";
import { staffAction, staffFormAction } from "../staff-action";

export type SaveState = ActionResult<{ version: number; savedAt: string; contentHash: string }> | null;
export type TransitionState = ActionResult | null;

// Each action takes exactly the fields its form or caller sends, of the type they send; anything else
// (status, authorId, an approval…) is refused, not ignored. The db/ functions validate the values.
const field = z.string().optional();
const contentJson = z.string("The release could not be read.");
const createInput = z.strictObject({ contentJson });
const saveInput = z.strictObject({
  releaseId: z.string(),
  expectedVersion: z.number().int(),
  contentJson,
});
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

const editorPath = (releaseId: string | undefined) => `/desk/releases/${String(releaseId)}`;
const present = (value: string | undefined) => (value?.trim() ? value : undefined);

export const createReleaseAction = staffAction(createInput, async (viewer, input): Promise<{ id: string }> => {
  const { id } = await createRelease(viewer, parseContentJson(input.contentJson));
  revalidatePath("/desk");
  redirect(`/desk/releases/${id}`);
});

/**
 * The Save button: a revision of its own, and the page rendered again (revision number, status, the
 * workflow buttons). Autosave goes through PUT /api/releases/[id]/draft instead, which renders nothing.
 */
export const saveReleaseAction = staffAction(saveInput, async (viewer, { releaseId, expectedVersion, contentJson }) => {
  const result = await saveWorkingCopy(viewer, { releaseId, expectedVersion, content: parseContentJson(contentJson) });
  if (result.changed) revalidatePath("/desk");
  return { version: result.version, savedAt: new Date().toISOString(), contentHash: result.contentHash };
});

/** The workflow buttons post here; the action name comes from the pressed button. */
export const transitionReleaseAction = staffFormAction(transitionForm, async (viewer, input) => {
  const comment = present(input.comment);
  const local = present(input.at);
  const offset = present(input.offset);
  const noteKind = present(input.noteKind);
  const noteText = present(input.noteText);
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
  revalidatePath(editorPath(input.releaseId));
});

export const setSlugAction = staffFormAction(slugForm, async (viewer, input) => {
  await setReleaseSlug(viewer, { releaseId: input.releaseId, slug: input.slug, expectedVersion: input.expectedVersion });
  revalidatePath(editorPath(input.releaseId));
});

export const linkTranslationAction = staffFormAction(translationForm, async (viewer, input) => {
  const change = await linkTranslation(viewer, { releaseId: input.releaseId, otherReleaseId: input.otherReleaseId });
  if (change) expirePublicChange(change);
  revalidatePath(editorPath(input.releaseId));
});

export const unlinkTranslationAction = staffFormAction(translationForm, async (viewer, input) => {
  const change = await unlinkTranslation(viewer, { releaseId: input.otherReleaseId });
  if (change) expirePublicChange(change);
  revalidatePath(editorPath(input.releaseId));
});

export const addCommentAction = staffFormAction(commentForm, async (viewer, { releaseId, body, parentId }) => {
  await addComment(viewer, { releaseId, body, ...(parentId ? { parentId } : {}) });
  revalidatePath(editorPath(releaseId));
});

export const mintShareLinkAction = staffFormAction(mintForm, async (viewer, { releaseId, label, validHours }) => {
  const { token, expiresAt } = await mintShareLink(viewer, { releaseId, label: label ?? "", validHours });
  revalidatePath(editorPath(releaseId));
  return { url: `${env.siteUrl}/share/${token}`, expiresAt: expiresAt.toISOString() };
});

export const revokeShareLinkAction = staffFormAction(revokeForm, async (viewer, { releaseId, linkId }) => {
  await revokeShareLink(viewer, { linkId });
  revalidatePath(editorPath(releaseId));
});
