import "server-only";
import { sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Database } from "../connect";
import { users } from "../schema";
import { toStaffMember, type StaffMember } from "./staff-member";

/** The account with this email (case-insensitive), or AppError("not_found"). No permission check. */
export async function findStaffByEmail(database: Database, email: string): Promise<StaffMember> {
  const normalized = email.trim().toLowerCase();
  const [row] = await database
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalized}`)
    .limit(1);
  if (!row) throw new AppError("not_found", `There is no staff member with the email ${normalized}.`);
  return toStaffMember(row);
}
