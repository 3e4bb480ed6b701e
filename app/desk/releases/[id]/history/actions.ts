"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { restoreRevision } from "@/db/releases/revisions";
import { requireViewer } from "@/db/viewer";
import { formFields } from "@/lib/actions/form-fields";
import { failure } from "@/lib/actions/result";
import type { ActionResult } from "@/lib/errors";

export type RestoreState = ActionResult<{ unchanged: true }> | null;

/** The form's three fields and nothing else; restoreRevision validates their values. */
const restoreForm = z.strictObject({ releaseId: z.string().optional(), revisionNumber: z.string().optional(), expectedVersion: z.string().optional() });

const STALE_MESSAGE = "Someone saved this release after you opened its history, so nothing was restored. Reload the page and restore again.";

/** Restores an old revision as a new one, then opens the editor; a failure stays on the history page. */
export async function restoreRevisionAction(_previous: RestoreState, form: FormData): Promise<RestoreState> {
  const releaseId = form.get("releaseId");
  try {
    const viewer = await requireViewer();
    const input = restoreForm.parse(formFields(form));
    const result = await restoreRevision(viewer, input);
    if (!result.changed) return { ok: true, value: { unchanged: true } };
  } catch (error) {
    const result = failure(error);
    return result.code === "conflict" && result.details?.currentVersion !== undefined ? { ...result, message: STALE_MESSAGE } : result;
  }
  revalidatePath("/desk");
  revalidatePath(`/desk/releases/${String(releaseId)}`);
  redirect(`/desk/releases/${String(releaseId)}`);
}
