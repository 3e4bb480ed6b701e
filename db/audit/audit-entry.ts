import "server-only";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../connect";
import { auditLog, releaseRevisions, releases, users } from "../schema";

/** One audit row as the trail views show it: names and numbers resolved, hashes left out. */
export type AuditTrailEntry = {
  id: number;
  at: Date;
  action: string;
  /** The actor's current name, else the address they used (failed sign-ins, the CLI), else null (the scheduler). */
  actorName: string | null;
  actorEmail: string | null;
  fromState: string | null;
  toState: string | null;
  revisionNumber: number | null;
  comment: string | null;
  releaseId: string | null;
  releaseHeadline: string | null;
  subjectName: string | null;
  detail: Record<string, unknown>;
  address: string | null;
};

/** The select every trail view shares: the audit row with actor, subject, revision and release headline. */
export function selectAuditEntries(database: Database) {
  const actor = alias(users, "actor");
  const subject = alias(users, "subject");
  const revision = alias(releaseRevisions, "revision");
  const current = alias(releaseRevisions, "current_revision");
  return database
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorName: actor.name,
      actorEmail: auditLog.actorEmail,
      fromState: auditLog.fromState,
      toState: auditLog.toState,
      revisionNumber: revision.number,
      comment: auditLog.comment,
      releaseId: auditLog.releaseId,
      releaseHeadline: current.headline,
      subjectName: subject.name,
      detail: auditLog.detail,
      address: auditLog.address,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectUserId))
    .leftJoin(revision, eq(revision.id, auditLog.revisionId))
    .leftJoin(releases, eq(releases.id, auditLog.releaseId))
    .leftJoin(current, eq(current.id, releases.currentRevisionId))
    .$dynamic();
}
