import { createHash } from "node:crypto";
import { desc, sql } from "drizzle-orm";
import { canonicalJson } from "@/lib/canonical-json";
import type { Database } from "../connect";
import { auditLog } from "../schema";

/** Any lock number works as long as every appender uses the same one. */
const AUDIT_CHAIN_LOCK = 727_431_002;
export const AUDIT_GENESIS_HASH = "0".repeat(64);

export type AuditEntry = {
  action: string;
  actorId?: string | null;
  actorEmail?: string | null;
  releaseId?: string | null;
  subjectUserId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  revisionId?: string | null;
  comment?: string | null;
  detail?: Record<string, unknown>;
  address?: string | null;
};

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export function auditRowHash(prevHash: string, row: Omit<typeof auditLog.$inferSelect, "id" | "hash" | "prevHash">) {
  const content = canonicalJson({
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    releaseId: row.releaseId,
    subjectUserId: row.subjectUserId,
    fromState: row.fromState,
    toState: row.toState,
    revisionId: row.revisionId,
    comment: row.comment,
    detail: row.detail,
    address: row.address,
  });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/**
 * Appends one row to the hash chain. Must run inside the transaction of the change it records: the
 * advisory lock is transaction-scoped, so concurrent appenders queue instead of forking the chain.
 */
export async function appendAudit(tx: Transaction, entry: AuditEntry) {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const row = {
    at: new Date(),
    actorId: entry.actorId ?? null,
    actorEmail: entry.actorEmail ?? null,
    action: entry.action,
    releaseId: entry.releaseId ?? null,
    subjectUserId: entry.subjectUserId ?? null,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    revisionId: entry.revisionId ?? null,
    comment: entry.comment ?? null,
    detail: entry.detail ?? {},
    address: entry.address ?? null,
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: auditRowHash(prevHash, row) });
}
