import "server-only";
import { assertCan, type Viewer } from "../access";
import { db } from "../client";
import { verifyAuditChain, type AuditVerification } from "./verify";

/** The chain check (db/audit/verify.ts) for an admin: every row in order, so it runs only when asked. */
export async function checkAuditChain(viewer: Viewer): Promise<AuditVerification> {
  assertCan(viewer, "audit:read");
  return verifyAuditChain(await db());
}
