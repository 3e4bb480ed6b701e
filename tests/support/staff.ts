import { randomBytes } from "node:crypto";
import type { Viewer } from "@/db/access";
import type { Database } from "@/db/connect";
import type { Role } from "@/db/schema";
import { insertStaffMember } from "@/db/staff/insert";

/** A staff member with a unique address, as the viewer the db/ functions take. */
export async function makeStaff(database: Database, role: Role, name = `${role} person`): Promise<Viewer> {
  const local = name.toLowerCase().replace(/[^a-z0-9]+/g, ".").replace(/^\.|\.$/g, "") || role;
  const { user } = await insertStaffMember(database, { email: `${local}.${randomBytes(5).toString("hex")}@example.com`, name, role });
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: false };
}
