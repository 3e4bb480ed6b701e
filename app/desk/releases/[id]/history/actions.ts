"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { restoreRevision } from "@/db/releases/revisions";
import { AppError, isAppError, type ActionResult } from "@/lib/errors";
import { staffFormAction } from "../../../staff-action";

export type RestoreState = ActionResult<{ unchanged: true }> | null;

/** The form's three fields and nothing else; restoreRevision validates their values. */
const restoreForm = z.strictObject({ releaseId: z.string().optional(), revisionNumber: z.string().optional(), expectedVersion: z.string().optional() });

const STALE_MESSAGE = "Someone saved this release after you opened its history, so nothing was restored. Reload the page and restore again.";

/** Restores an old revision as a new one, then opens the editor; a failure stays on the history page. */
export const restoreRevisionAction = staffFormAction(restoreForm, async (viewer, input): Promise<{ unchanged: true }> => {
  let changed: boolean;
  try {
    ({ changed } = await restoreRevision(viewer, input));
  } catch (error) {
    if (isAppError(error) && error.code === "conflict" && error.details?.currentVersion !== undefined) {
      throw new AppError("conflict", STALE_MESSAGE, error.details);
    }
    throw error;
  }
  if (!changed) return { unchanged: true };
  revalidatePath("/desk");
  revalidatePath(`/desk/releases/${String(input.releaseId)}`);
  redirect(`/desk/releases/${String(input.releaseId)}`);
});
