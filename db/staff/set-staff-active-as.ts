import "server-only";
import { parseInput } from "@/lib/actions/parse-input";
import { AppError } from "@/lib/errors";
import type { Database } from "../connect";
import type { StaffActor } from "./actor";
import { applyStaffChange } from "./apply-staff-change";
import { refuseLastActiveAdmin, refuseSelf } from "./guards";
import { staffActiveInput } from "./inputs";
import type { StaffMember } from "./staff-member";

export type SetStaffActiveInput = { userId: string; active: boolean; expectedVersion: number };

/**
 * Deactivates someone (ending their sessions at once) or reactivates them. Refuses deactivating yourself
 * and the last active admin. No permission check: setStaffActive and the CLI authorize.
 */
export async function setStaffActiveAs(database: Database, actor: StaffActor, input: SetStaffActiveInput): Promise<StaffMember> {
  const { userId, active, expectedVersion } = parseInput(staffActiveInput, input);
  return applyStaffChange(database, actor, { userId, expectedVersion }, (member, activeAdminIds) => {
    if (member.active === active) {
      throw new AppError("invalid", `${member.name} is already ${active ? "active" : "deactivated"}.`);
    }
    if (!active) {
      refuseSelf(actor, member, "You cannot deactivate yourself. Ask another admin.");
      refuseLastActiveAdmin(member, activeAdminIds, "deactivated");
    }
    return {
      set: { active },
      revokeSessions: !active,
      audit: {
        action: active ? "staff_reactivated" : "staff_deactivated",
        fromState: active ? "inactive" : "active",
        toState: active ? "active" : "inactive",
      },
    };
  });
}
