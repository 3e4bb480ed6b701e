import "server-only";
import { parseInput } from "@/lib/actions/parse-input";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import type { Database } from "../connect";
import type { StaffActor } from "./actor";
import { applyStaffChange } from "./apply-staff-change";
import { refuseSelf } from "./guards";
import { staffPasswordResetInput } from "./inputs";
import type { StaffMember } from "./staff-member";

export type ResetStaffPasswordInput = { userId: string; expectedVersion: number };
export type PasswordReset = { member: StaffMember; oneTimePassword: string };

/**
 * Replaces someone's password with a one-time password they must change at their next sign-in and ends
 * their sessions. The one-time password is returned once and stored only as a hash. No permission
 * check: resetStaffPassword and the CLI authorize.
 */
export async function resetStaffPasswordAs(
  database: Database,
  actor: StaffActor,
  input: ResetStaffPasswordInput,
): Promise<PasswordReset> {
  const { userId, expectedVersion } = parseInput(staffPasswordResetInput, input);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const member = await applyStaffChange(database, actor, { userId, expectedVersion }, (current) => {
    // Resetting your own password would sign you out with a password only you have seen once.
    refuseSelf(actor, current, "Change your own password on the Password page instead.");
    return {
      set: { passwordHash, mustChangePassword: true },
      revokeSessions: true,
      audit: { action: "staff_password_reset" },
    };
  });
  return { member, oneTimePassword };
}
