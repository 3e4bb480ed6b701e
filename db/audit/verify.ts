import { asc, gt } from "drizzle-orm";
import type { Database } from "../connect";
import { auditLog } from "../schema";
import { AUDIT_GENESIS_HASH, auditRowHash } from "./append";

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenId: number; reason: string };

/**
 * Walks the chain in id order: each row must name the previous row's hash and hash to its own content.
 * Names the first row where either fails.
 */
export async function verifyAuditChain(database: Database, batchSize = 1000): Promise<AuditVerification> {
  let previousHash = AUDIT_GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await database.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== previousHash) {
        return { ok: false, checked, brokenId: row.id, reason: "it does not follow the row before it (a row was removed, inserted or reordered)" };
      }
      const { id: _id, hash, prevHash, ...content } = row;
      if (auditRowHash(prevHash, content) !== hash) {
        return { ok: false, checked, brokenId: row.id, reason: "its content does not match its hash (the row was altered)" };
      }
      previousHash = hash;
      lastId = row.id;
      checked += 1;
    }
  }
}
