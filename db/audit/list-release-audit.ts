import "server-only";
import { desc, eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Viewer } from "../access";
import { db } from "../client";
import { releaseIdSchema } from "../releases/input";
import { auditLog, releases } from "../schema";
import { selectAuditEntries, type AuditTrailEntry } from "./audit-entry";

/**
 * One release's audit trail, newest first, for its history page. Any staff member who can open the
 * release may read it (as with its revisions); addresses are left out, they are for the admins' trail.
 */
export async function listReleaseAudit(viewer: Viewer, releaseId: unknown, limit = 200): Promise<AuditTrailEntry[]> {
  if (viewer.mustChangePassword) throw new AppError("forbidden", "Choose a new password before doing anything else.");
  const parsed = releaseIdSchema.safeParse(releaseId);
  if (!parsed.success) throw new AppError("not_found", "That release does not exist.");
  const database = await db();
  const [release] = await database.select({ id: releases.id }).from(releases).where(eq(releases.id, parsed.data));
  if (!release) throw new AppError("not_found", "That release does not exist.");
  const rows = await selectAuditEntries(database).where(eq(auditLog.releaseId, release.id)).orderBy(desc(auditLog.id)).limit(limit);
  return rows.map((row) => ({ ...row, address: null }));
}
