"use server";

import { revalidatePath } from "next/cache";
import { markNotificationsRead } from "@/db/notifications/notify";
import { requireViewer } from "@/db/viewer";
import { failure } from "@/lib/actions/result";
import type { ActionResult } from "@/lib/errors";

export async function markNotificationsReadAction(): Promise<ActionResult> {
  try {
    await markNotificationsRead(await requireViewer());
    revalidatePath("/desk");
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
