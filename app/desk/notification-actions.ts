"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markNotificationsRead } from "@/db/notifications/notify";
import { staffAction } from "./staff-action";

const markAllRead = staffAction(z.undefined(), async (viewer) => {
  await markNotificationsRead(viewer);
  revalidatePath("/desk");
});

export async function markNotificationsReadAction() {
  return markAllRead(undefined);
}
