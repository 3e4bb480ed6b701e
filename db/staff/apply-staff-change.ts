import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append";
import type { Database } from "../connect";
import { users } from "../schema";
import type { StaffActor } from "./actor";
import { toStaffMember, type StaffMember } from "./staff-member";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const STAFF_CONFLICT_MESSAGE = "Someone else changed this account; reload and try again.";

export type StaffChange = {
  set: Partial<Pick<typeof users.$inferInsert, "role" | "active" | "passwordHash" | "mustChangePassword">>;
  /** Bumps sessionVersion, so every session signed in before the change stops working. */
  revokeSessions: boolean;
  audit: { action: string; fromState?: string; toState?: string; detail?: Record<string, unknown> };
};

/**
 * One change to one account by an admin or the CLI: the single path the desk and the command line share.
 * Inside one transaction it locks the active admins (so two admins cannot demote each other at once and
 * leave none), re-checks that a signed-in actor is still one of them, lets `decide` apply the guards to
 * the account as it is now, writes it only if its version is still `expectedVersion`, and appends the
 * audit row. No permission check: callers authorize first.
 */
export async function applyStaffChange(
  database: Database,
  actor: StaffActor,
  target: { userId: string; expectedVersion: number },
  decide: (member: StaffMember, activeAdminIds: readonly string[]) => StaffChange,
): Promise<StaffMember> {
  return database.transaction(async (tx) => {
    const activeAdminIds = await lockActiveAdmins(tx);
    if (actor.id !== null && !activeAdminIds.includes(actor.id)) {
      throw new AppError("forbidden", "Only an active admin can manage staff.");
    }
    const [row] = await tx.select().from(users).where(eq(users.id, target.userId)).limit(1);
    if (!row) throw new AppError("not_found", "This staff member does not exist.");
    if (row.version !== target.expectedVersion) throw new AppError("conflict", STAFF_CONFLICT_MESSAGE);
    const change = decide(toStaffMember(row), activeAdminIds);
    const updated = await updateUserAtVersion(tx, target.userId, target.expectedVersion, change);
    await appendAudit(tx, { ...change.audit, actorId: actor.id, actorEmail: actor.email, subjectUserId: target.userId });
    return updated;
  });
}

/** `UPDATE … WHERE id = $1 AND version = $2`, bumping version (and sessionVersion when asked); 0 rows → conflict. */
export async function updateUserAtVersion(
  tx: Transaction,
  userId: string,
  expectedVersion: number,
  change: Pick<StaffChange, "set" | "revokeSessions">,
): Promise<StaffMember> {
  const [row] = await tx
    .update(users)
    .set({
      ...change.set,
      version: sql`${users.version} + 1`,
      ...(change.revokeSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(users.id, userId), eq(users.version, expectedVersion)))
    .returning();
  if (!row) throw new AppError("conflict", STAFF_CONFLICT_MESSAGE);
  return toStaffMember(row);
}

async function lockActiveAdmins(tx: Transaction): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(users.id)
    .for("update");
  return rows.map((row) => row.id);
}
