"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { expirePublicChange } from "@/db/publishing/invalidate";
import { announcePublicChangeNow } from "@/db/publishing/public-change";
import { SETTINGS_TAG } from "@/db/public/settings";
import { TOPICS_TAG } from "@/db/public/topics";
import { updateSettings } from "@/db/settings/update";
import { createReleaseType, createTopic, deleteReleaseType, deleteTopic } from "@/db/taxonomy/mutations";
import { assertCan, type Viewer } from "@/db/access";
import { uploadMedia } from "@/db/media/upload";
import { requireViewer } from "@/db/viewer";
import { formFields } from "@/lib/actions/form-fields";
import { failure } from "@/lib/actions/result";
import { AppError, type ActionResult } from "@/lib/errors";

type State = ActionResult | null;

// Exactly the fields each form sends; anything else is refused, not ignored.
const nameForm = z.strictObject({ name: z.string().optional() });
const slugForm = z.strictObject({ slug: z.string().optional() });

/** Public pages carry the letterhead, topic names and type names: expire them all at once, on every instance. */
async function expirePublicPages(tag: typeof SETTINGS_TAG | typeof TOPICS_TAG) {
  expirePublicChange({ slugs: [], tags: [tag] });
  await announcePublicChangeNow({ tags: [tag] }).catch((error) => console.error("cache: could not tell other instances", error));
}

export async function updateSettingsAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    const { logoFile, removeLogo, ...fields } = formFields(form);
    const logoKey = await newLogoKey(viewer, logoFile, removeLogo);
    await updateSettings(viewer, logoKey === undefined ? fields : { ...fields, logoKey });
    await expirePublicPages(SETTINGS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** The logo the form asks for: a newly uploaded image's key, null to remove it, undefined to keep it. */
async function newLogoKey(viewer: Viewer, file: FormDataEntryValue | undefined, remove: FormDataEntryValue | undefined) {
  if (file instanceof File && file.size > 0) {
    assertCan(viewer, "settings:manage"); // before anything is stored
    const uploaded = await uploadMedia(viewer, { bytes: new Uint8Array(await file.arrayBuffer()), originalName: file.name });
    if (uploaded.kind !== "image") throw new AppError("invalid", "The logo must be an image (PNG, JPEG, GIF or WebP).");
    return uploaded.key;
  }
  if (file !== undefined && !(file instanceof File)) throw new AppError("invalid", "The logo must be a file.");
  if (remove === "on") return null;
  if (remove !== undefined) throw new AppError("invalid", "Unexpected value for removing the logo.");
  return undefined;
}

export async function createTopicAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await createTopic(viewer, nameForm.parse(formFields(form)));
    await expirePublicPages(TOPICS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteTopicAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await deleteTopic(viewer, slugForm.parse(formFields(form)).slug);
    await expirePublicPages(TOPICS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function createReleaseTypeAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await createReleaseType(viewer, nameForm.parse(formFields(form)));
    await expirePublicPages(TOPICS_TAG); // Feeds per type are cached with the taxonomy.
    revalidatePath("/desk/settings");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteReleaseTypeAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await deleteReleaseType(viewer, slugForm.parse(formFields(form)).slug);
    await expirePublicPages(TOPICS_TAG);
    revalidatePath("/desk/settings");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
