import "server-only";
import { db } from "../client";
import { assertCan, type Viewer } from "../access";
import { selectStaff } from "./select-staff";
import type { StaffMember } from "./staff-member";

/** Every staff account, active ones first, by name (admins only). */
export async function listStaff(viewer: Viewer): Promise<StaffMember[]> {
  assertCan(viewer, "staff:manage");
  return selectStaff(await db());
}
