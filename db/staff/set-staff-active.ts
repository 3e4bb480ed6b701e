import "server-only";
import { db } from "../client";
import { assertCan, type Viewer } from "../access";
import { actorOf } from "./actor";
import { setStaffActiveAs, type SetStaffActiveInput } from "./set-staff-active-as";
import type { StaffMember } from "./staff-member";

/** Deactivates or reactivates someone (admins only); see setStaffActiveAs for the rules. */
export async function setStaffActive(viewer: Viewer, input: SetStaffActiveInput): Promise<StaffMember> {
  assertCan(viewer, "staff:manage");
  return setStaffActiveAs(await db(), actorOf(viewer), input);
}
