"use server";

import { revalidatePath, revalidateTag } from "next/cache";
import { announcePublicChangeNow } from "@/db/publishing/public-change";
import { SETTINGS_TAG } from "@/db/public/settings";
import { TOPICS_TAG } from "@/db/public/topics";
import { updateSettings } from "@/db/settings/update";
import { createReleaseType, createTopic, deleteReleaseType, deleteTopic } from "@/db/taxonomy/mutations";
import { requireViewer } from "@/db/viewer";
import { failure } from "@/lib/actions/result";
import type { ActionResult } from "@/lib/errors";

type State = ActionResult | null;

/** Public pages carry the letterhead, topic names and type names: expire them all at once, on every instance. */
async function expirePublicPages(tag: typeof SETTINGS_TAG | typeof TOPICS_TAG) {
  revalidateTag(tag, { expire: 0 });
  revalidatePath("/", "layout");
  await announcePublicChangeNow({ tags: [tag] }).catch((error) => console.error("cache: could not tell other instances", error));
}

export async function updateSettingsAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await updateSettings(viewer, Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$"))));
    await expirePublicPages(SETTINGS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function createTopicAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await createTopic(viewer, { name: form.get("name") });
    await expirePublicPages(TOPICS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteTopicAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await deleteTopic(viewer, form.get("slug"));
    await expirePublicPages(TOPICS_TAG);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function createReleaseTypeAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await createReleaseType(viewer, { name: form.get("name") });
    revalidatePath("/desk/settings");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteReleaseTypeAction(_previous: State, form: FormData): Promise<State> {
  try {
    const viewer = await requireViewer();
    await deleteReleaseType(viewer, form.get("slug"));
    revalidatePath("/desk/settings");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
