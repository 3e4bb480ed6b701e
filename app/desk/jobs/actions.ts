"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { discardJob, retryJob } from "@/db/jobs/manage";
import { staffFormAction } from "../staff-action";

// Exactly the field the buttons send; the id itself is checked by retryJob and discardJob.
const jobForm = z.strictObject({ id: z.string().optional() });

export const retryJobAction = staffFormAction(
  jobForm,
  async (viewer, { id }) => {
    await retryJob(viewer, { id: id ?? "" });
    revalidatePath("/desk/jobs");
  },
  { permission: "jobs:manage" },
);

export const discardJobAction = staffFormAction(
  jobForm,
  async (viewer, { id }) => {
    await discardJob(viewer, { id: id ?? "" });
    revalidatePath("/desk/jobs");
  },
  { permission: "jobs:manage" },
);
