import "server-only";
import { parseInput } from "@/lib/actions/parse-input";
import { db } from "../client";
import { assertCan, type Viewer } from "../access";
import { actorOf } from "./actor";
import { insertStaffMember } from "./insert";
import { newStaffInput } from "./inputs";
import { toStaffMember, type StaffMember } from "./staff-member";
import type { Role } from "../schema";

export type CreateStaffInput = { email: string; name: string; role: Role };

/** Adds a staff member (admins only) with a one-time password, returned once, to hand over securely. */
export async function createStaff(
  viewer: Viewer,
  input: CreateStaffInput,
): Promise<{ member: StaffMember; oneTimePassword: string }> {
  assertCan(viewer, "staff:manage");
  const parsed = parseInput(newStaffInput, input);
  const { user, oneTimePassword } = await insertStaffMember(await db(), parsed, actorOf(viewer));
  return { member: toStaffMember(user), oneTimePassword };
}
