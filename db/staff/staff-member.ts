import type { users } from "../schema";

/** A staff account as the staff pages and the CLI see it: everything but the password hash. */
export type StaffMember = Omit<typeof users.$inferSelect, "passwordHash">;

export function toStaffMember(row: typeof users.$inferSelect): StaffMember {
  const { passwordHash: _passwordHash, ...member } = row;
  return member;
}
