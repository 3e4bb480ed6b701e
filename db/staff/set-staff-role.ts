import "server-only";
import { db } from "../client";
import { assertCan, type Viewer } from "../access";
import { actorOf } from "./actor";
import { setStaffRoleAs, type SetStaffRoleInput } from "./set-staff-role-as";
import type { StaffMember } from "./staff-member";

/** Changes someone's role (admins only); see setStaffRoleAs for the rules. */
export async function setStaffRole(viewer: Viewer, input: SetStaffRoleInput): Promise<StaffMember> {
  assertCan(viewer, "staff:manage");
  return setStaffRoleAs(await db(), actorOf(viewer), input);
}
