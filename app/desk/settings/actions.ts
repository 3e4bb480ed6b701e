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
import { AppError } from "@/lib/errors";
import { staffFormAction } from "../staff-action";

// Exactly the fields each form sends; anything else is refused, not ignored.
const nameForm = z.strictObject({ name: z.string().optional() });
const slugForm = z.strictObject({ slug: z.string().optional() });

/** Public pages carry the letterhead, topic names and type names: expire them all at once, on every instance. */
async function expirePublicPages(tag: typeof SETTINGS_TAG | typeof TOPICS_TAG) {
  expirePublicChange({ slugs: [], tags: [tag] });
  await announcePublicChangeNow({ tags: [tag] }).catch((error) => console.error("cache: could not tell other instances", error));
}

// The settings form's text fields are read by updateSettings, which refuses any it does not know.
const settingsForm = z.object({ logoFile: z.instanceof(File, { error: "The logo must be a file." }).optional(), removeLogo: z.literal("on").optional() }).catchall(z.string());

export const updateSettingsAction = staffFormAction(settingsForm, async (viewer, { logoFile, removeLogo, ...fields }) => {
  const logoKey = await newLogoKey(viewer, logoFile, removeLogo === "on");
  await updateSettings(viewer, logoKey === undefined ? fields : { ...fields, logoKey });
  await expirePublicPages(SETTINGS_TAG);
});

/** The logo the form asks for: a newly uploaded image's key, null to remove it, undefined to keep it. */
async function newLogoKey(viewer: Viewer, file: File | undefined, remove: boolean) {
  if (file && file.size > 0) {
    assertCan(viewer, "settings:manage"); // before anything is stored
    const uploaded = await uploadMedia(viewer, { bytes: new Uint8Array(await file.arrayBuffer()), originalName: file.name });
    if (uploaded.kind !== "image") throw new AppError("invalid", "The logo must be an image (PNG, JPEG, GIF or WebP).");
    return uploaded.key;
  }
  return remove ? null : undefined;
}

export const createTopicAction = staffFormAction(nameForm, async (viewer, input) => {
  await createTopic(viewer, input);
  await expirePublicPages(TOPICS_TAG);
});

export const deleteTopicAction = staffFormAction(slugForm, async (viewer, input) => {
  await deleteTopic(viewer, input.slug);
  await expirePublicPages(TOPICS_TAG);
});

export const createReleaseTypeAction = staffFormAction(nameForm, async (viewer, input) => {
  await createReleaseType(viewer, input);
  await expirePublicPages(TOPICS_TAG); // Feeds per type are cached with the taxonomy.
  revalidatePath("/desk/settings");
});

export const deleteReleaseTypeAction = staffFormAction(slugForm, async (viewer, input) => {
  await deleteReleaseType(viewer, input.slug);
  await expirePublicPages(TOPICS_TAG);
  revalidatePath("/desk/settings");
});
