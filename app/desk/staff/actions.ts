"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/db/schema/users";
import { createStaff } from "@/db/staff/create-staff";
import { parseStaffInput } from "@/db/staff/inputs";
import { resetStaffPassword } from "@/db/staff/reset-staff-password";
import { setStaffActive } from "@/db/staff/set-staff-active";
import { setStaffRole } from "@/db/staff/set-staff-role";
import { assertCan, requireViewer } from "@/db/viewer";
import { formFields } from "@/lib/actions/form-fields";
import { failure } from "@/lib/actions/result";
import type { ActionResult } from "@/lib/errors";

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

/** Refuses non-admins before their input is even read; the db functions check again. */
async function requireStaffManager() {
  const viewer = await requireViewer();
  assertCan(viewer, "staff:manage");
  return viewer;
}

export async function createStaffAction(_previous: OneTimePasswordState, form: FormData): Promise<OneTimePasswordState> {
  try {
    const viewer = await requireStaffManager();
    const input = parseStaffInput(createForm, formFields(form));
    const { member, oneTimePassword } = await createStaff(viewer, input);
    revalidatePath("/desk/staff");
    return { ok: true, value: { name: member.name, email: member.email, oneTimePassword } };
  } catch (error) {
    return failure(error);
  }
}

export async function changeStaffRoleAction(_previous: StaffChangeState, form: FormData): Promise<StaffChangeState> {
  try {
    const viewer = await requireStaffManager();
    const member = await setStaffRole(viewer, parseStaffInput(roleForm, formFields(form)));
    revalidatePath("/desk/staff");
    return { ok: true, value: { message: `${member.name} is now ${member.role === "writer" ? "a" : "an"} ${member.role}.` } };
  } catch (error) {
    return failure(error);
  }
}

export async function setStaffActiveAction(_previous: StaffChangeState, form: FormData): Promise<StaffChangeState> {
  try {
    const viewer = await requireStaffManager();
    const member = await setStaffActive(viewer, parseStaffInput(activeForm, formFields(form)));
    revalidatePath("/desk/staff");
    const message = member.active ? `${member.name} can sign in again.` : `${member.name} is deactivated and signed out.`;
    return { ok: true, value: { message } };
  } catch (error) {
    return failure(error);
  }
}

export async function resetStaffPasswordAction(_previous: OneTimePasswordState, form: FormData): Promise<OneTimePasswordState> {
  try {
    const viewer = await requireStaffManager();
    const { member, oneTimePassword } = await resetStaffPassword(viewer, parseStaffInput(resetForm, formFields(form)));
    revalidatePath("/desk/staff");
    return { ok: true, value: { name: member.name, email: member.email, oneTimePassword } };
  } catch (error) {
    return failure(error);
  }
}
