"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { addComment } from "@/db/comments/comments";
import { createRelease } from "@/db/releases/create";
import { saveRelease } from "@/db/releases/save";
import { setReleaseSlug } from "@/db/releases/set-slug";
import { transitionRelease } from "@/db/releases/transition";
import { linkTranslation, unlinkTranslation } from "@/db/releases/translations";
import { invalidatePublicPages } from "@/db/publishing/invalidate";
import { mintShareLink, revokeShareLink } from "@/db/share/share-links";
import { requireViewer } from "@/db/viewer";
import { env } from "@/env";
import { failure } from "@/lib/actions/result";
import { parseContentJson } from "@/lib/actions/content-json";
import type { ActionResult } from "@/lib/errors";

export type SaveState = ActionResult<{ version: number; savedAt: string }> | null;
export type TransitionState = ActionResult | null;

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
  /** Autosaves by the same author within a few minutes share one revision. */
  autosave?: boolean;
}): Promise<ActionResult<{ version: number; savedAt: string }>> {
  try {
    const viewer = await requireViewer();
    const result = await saveRelease(
      viewer,
      { releaseId: input.releaseId, expectedVersion: input.expectedVersion, content: parseContentJson(input.contentJson) },
      { autosave: input.autosave === true },
    );
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
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" && value.trim() ? value : undefined;
    };
    const comment = text("comment");
    const local = text("at");
    const offset = text("offset");
    const noteKind = text("noteKind");
    const noteText = text("noteText");
    const result = await transitionRelease(viewer, {
      releaseId: form.get("releaseId"),
      action: form.get("action"),
      expectedVersion: form.get("expectedVersion"),
      ...(comment ? { comment } : {}),
      ...(local ? { at: { local, ...(offset ? { offset } : {}) } } : {}),
      ...(noteKind && noteText ? { note: { kind: noteKind, text: noteText } } : {}),
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

export async function linkTranslationAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    await linkTranslation(viewer, { releaseId: form.get("releaseId"), otherReleaseId: form.get("otherReleaseId") });
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function unlinkTranslationAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    await unlinkTranslation(viewer, { releaseId: form.get("otherReleaseId") });
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function addCommentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    const parentId = form.get("parentId");
    await addComment(viewer, {
      releaseId: form.get("releaseId"),
      body: form.get("body"),
      ...(typeof parentId === "string" && parentId ? { parentId } : {}),
    });
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
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
    const { token, expiresAt } = await mintShareLink(viewer, {
      releaseId: form.get("releaseId"),
      label: form.get("label") ?? "",
      validHours: form.get("validHours"),
    });
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
    return { ok: true, value: { url: `${env.siteUrl}/share/${token}`, expiresAt: expiresAt.toISOString() } };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeShareLinkAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const viewer = await requireViewer();
    await revokeShareLink(viewer, { linkId: form.get("linkId") });
    revalidatePath(`/desk/releases/${String(form.get("releaseId"))}`);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
