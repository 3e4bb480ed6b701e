import "server-only";
import { asc, desc } from "drizzle-orm";
import type { Database } from "../connect";
import { users } from "../schema";
import { toStaffMember, type StaffMember } from "./staff-member";

/** Every staff account, active ones first, by name. No permission check: listStaff and the CLI authorize. */
export async function selectStaff(database: Database): Promise<StaffMember[]> {
  const rows = await database.select().from(users).orderBy(desc(users.active), asc(users.name), asc(users.email));
  return rows.map(toStaffMember);
}
