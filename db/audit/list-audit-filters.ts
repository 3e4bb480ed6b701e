import "server-only";
import { asc } from "drizzle-orm";
import { assertCan, type Viewer } from "../access";
import { db } from "../client";
import { auditLog, users } from "../schema";

/** What the admins' trail can be filtered by: the actions that occur in it, and the staff accounts. */
export async function listAuditFilters(viewer: Viewer) {
  assertCan(viewer, "audit:read");
  const database = await db();
  const [actions, actors] = await Promise.all([
    database.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
    database.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name)),
  ]);
  return { actions: actions.map((row) => row.action), actors };
}
