import "server-only";
import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { db } from "../client";
import { auditLog } from "../schema";
import { selectAuditEntries, type AuditTrailEntry } from "./audit-entry";

const cursor = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const auditTrailQuerySchema = z
  .strictObject({
    /** Rows older than this id (the next page back). */
    before: cursor.optional(),
    /** Rows newer than this id (the page before, going forward). */
    after: cursor.optional(),
    action: z.string().regex(/^[a-z][a-z_]{0,63}$/, "That is not an action in the trail.").optional(),
    actorId: z.uuid("Choose someone from the list.").optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => query.before === undefined || query.after === undefined, "Page one way at a time.");

export type AuditTrailQuery = z.input<typeof auditTrailQuerySchema>;

export type AuditTrailPage = {
  entries: AuditTrailEntry[];
  /** Cursor for the page of newer rows (`after`), or null on the newest page. */
  newer: number | null;
  /** Cursor for the page of older rows (`before`), or null on the oldest page. */
  older: number | null;
};

/**
 * The site-wide audit trail for admins, newest first, filtered by action and actor, paged by id (keyset):
 * a page is found through the primary key however far back it is.
 */
export async function listAuditTrail(viewer: Viewer, query: AuditTrailQuery = {}): Promise<AuditTrailPage> {
  assertCan(viewer, "audit:read");
  const parsed = auditTrailQuerySchema.safeParse(query);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Check the filters.");
  const { before, after, action, actorId, limit } = parsed.data;
  const filters: SQL[] = [];
  if (action) filters.push(eq(auditLog.action, action));
  if (actorId) filters.push(eq(auditLog.actorId, actorId));
  const database = await db();

  const forward = after !== undefined;
  const page = await selectAuditEntries(database)
    .where(and(...filters, ...(forward ? [gt(auditLog.id, after)] : before !== undefined ? [lt(auditLog.id, before)] : [])))
    .orderBy(forward ? asc(auditLog.id) : desc(auditLog.id))
    .limit(limit + 1);
  const more = page.length > limit;
  const entries = (forward ? page.slice(0, limit).reverse() : page.slice(0, limit)).map((row) => ({ ...row, detail: row.detail ?? {} }));
  if (entries.length === 0) return { entries, newer: null, older: null };

  const newest = entries[0]!.id;
  const oldest = entries[entries.length - 1]!.id;
  const exists = async (condition: SQL) =>
    (await database.select({ id: auditLog.id }).from(auditLog).where(and(...filters, condition)).limit(1)).length > 0;
  const hasNewer = forward ? more : before !== undefined && (await exists(gt(auditLog.id, newest)));
  const hasOlder = forward ? await exists(lt(auditLog.id, oldest)) : more;
  return { entries, newer: hasNewer ? newest : null, older: hasOlder ? oldest : null };
}
