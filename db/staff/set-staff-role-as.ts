import "server-only";
import { parseInput } from "@/lib/actions/parse-input";
import { AppError } from "@/lib/errors";
import type { Database } from "../connect";
import type { Role } from "../schema";
import type { StaffActor } from "./actor";
import { applyStaffChange } from "./apply-staff-change";
import { refuseLastActiveAdmin, refuseSelf } from "./guards";
import { staffRoleInput } from "./inputs";
import type { StaffMember } from "./staff-member";

export type SetStaffRoleInput = { userId: string; role: Role; expectedVersion: number };

/**
 * Changes someone's role and ends their sessions, so the new role applies at once. Refuses demoting
 * yourself and demoting the last active admin. No permission check: setStaffRole and the CLI authorize.
 */
export async function setStaffRoleAs(database: Database, actor: StaffActor, input: SetStaffRoleInput): Promise<StaffMember> {
  const { userId, role, expectedVersion } = parseInput(staffRoleInput, input);
  return applyStaffChange(database, actor, { userId, expectedVersion }, (member, activeAdminIds) => {
    if (member.role === role) throw new AppError("invalid", `${member.name} is already ${withArticle(role)}.`);
    if (role !== "admin") {
      refuseSelf(actor, member, "You cannot change your own role. Ask another admin.");
      refuseLastActiveAdmin(member, activeAdminIds, "demoted");
    }
    return {
      set: { role },
      revokeSessions: true,
      audit: { action: "staff_role_changed", fromState: member.role, toState: role },
    };
  });
}

function withArticle(role: Role) {
  return role === "writer" ? "a writer" : `an ${role}`;
}
