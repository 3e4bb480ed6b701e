"use server";

import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";
import { announcePublicChangeNow } from "@/db/publishing/public-change";
import { SETTINGS_TAG } from "@/db/public/settings";
import { TOPICS_TAG } from "@/db/public/topics";
import { updateSettings } from "@/db/settings/update";
import { createReleaseType, createTopic, deleteReleaseType, deleteTopic } from "@/db/taxonomy/mutations";
import { requireViewer } from "@/db/viewer";
import { formFields } from "@/lib/actions/form-fields";
import { failure } from "@/lib/actions/result";
import type { ActionResult } from "@/lib/errors";

type State = ActionResult | null;

// Exactly the fields each form sends; anything else is refused, not ignored.
const nameForm = z.strictObject({ name: z.string().optional() });
const slugForm = z.strictObject({ slug: z.string().optional() });

/** Public pages carry the letterhead, topic names and type names: expire them all at once, on every instance. */
async function expirePublicPages(tag: typeof SETTINGS_TAG | typeof TOPICS_TAG) {
  revalidateTag(tag, { expire: 0 });
  revalidatePath("/", "layout");
  await announcePublicChangeNow({ tags: [tag] }).catch((error) => console.error("cache: could not tell other instances", error));
}

export async function updateSettingsAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await updateSettings(viewer, formFields(form));
    await expirePublicPages(SETTINGS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
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
