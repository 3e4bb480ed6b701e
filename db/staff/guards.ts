import { AppError } from "@/lib/errors";
import type { StaffActor } from "./actor";
import type { StaffMember } from "./staff-member";

/** An admin may not take their own power away: another admin has to. */
export function refuseSelf(actor: StaffActor, member: StaffMember, message: string) {
  if (actor.id !== null && actor.id === member.id) throw new AppError("invalid", message);
}

/** A change that would leave no active admin is refused: nobody could manage staff any more. */
export function refuseLastActiveAdmin(member: StaffMember, activeAdminIds: readonly string[], doing: string) {
  const isActiveAdmin = member.role === "admin" && member.active;
  if (isActiveAdmin && activeAdminIds.every((id) => id === member.id)) {
    throw new AppError("conflict", `${member.name} is the last active admin and cannot be ${doing}. Make someone else an admin first.`);
  }
}
