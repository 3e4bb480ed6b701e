"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/access/roles";
import { createStaff } from "@/db/staff/create-staff";
import { resetStaffPassword } from "@/db/staff/reset-staff-password";
import { setStaffActive } from "@/db/staff/set-staff-active";
import { setStaffRole } from "@/db/staff/set-staff-role";
import type { ActionResult } from "@/lib/errors";
import { staffFormAction } from "../staff-action";

export type OneTimePasswordState = ActionResult<{ name: string; email: string; oneTimePassword: string }> | null;
export type StaffChangeState = ActionResult<{ message: string }> | null;

const userId = z.uuid("Unknown staff member.");
const expectedVersion = z.coerce.number().int().min(1);

const createForm = z.strictObject({
  name: z.string().max(200),
  email: z.string().max(320),
  role: z.enum(ROLES, "Choose a role."),
});
const roleForm = z.strictObject({ userId, expectedVersion, role: z.enum(ROLES, "Choose a role.") });
const activeForm = z.strictObject({ userId, expectedVersion, active: z.enum(["true", "false"]).transform((value) => value === "true") });
const resetForm = z.strictObject({ userId, expectedVersion });

// Non-admins are refused before their input is even read; the db functions check again.
const manageStaff = { permission: "staff:manage" } as const;

export const createStaffAction = staffFormAction(
  createForm,
  async (viewer, input) => {
    const { member, oneTimePassword } = await createStaff(viewer, input);
    revalidatePath("/desk/staff");
    return { name: member.name, email: member.email, oneTimePassword };
  },
  manageStaff,
);

export const changeStaffRoleAction = staffFormAction(
  roleForm,
  async (viewer, input) => {
    const member = await setStaffRole(viewer, input);
    revalidatePath("/desk/staff");
    return { message: `${member.name} is now ${member.role === "writer" ? "a" : "an"} ${member.role}.` };
  },
  manageStaff,
);

export const setStaffActiveAction = staffFormAction(
  activeForm,
  async (viewer, input) => {
    const member = await setStaffActive(viewer, input);
    revalidatePath("/desk/staff");
    return { message: member.active ? `${member.name} can sign in again.` : `${member.name} is deactivated and signed out.` };
  },
  manageStaff,
);

export const resetStaffPasswordAction = staffFormAction(
  resetForm,
  async (viewer, input) => {
    const { member, oneTimePassword } = await resetStaffPassword(viewer, input);
    revalidatePath("/desk/staff");
    return { name: member.name, email: member.email, oneTimePassword };
  },
  manageStaff,
);
