import "server-only";
import { db } from "../client";
import { assertCan, type Viewer } from "../access";
import { actorOf } from "./actor";
import { resetStaffPasswordAs, type PasswordReset, type ResetStaffPasswordInput } from "./reset-staff-password-as";

/** Gives someone a new one-time password (admins only); see resetStaffPasswordAs for the rules. */
export async function resetStaffPassword(viewer: Viewer, input: ResetStaffPasswordInput): Promise<PasswordReset> {
  assertCan(viewer, "staff:manage");
  return resetStaffPasswordAs(await db(), actorOf(viewer), input);
}
