import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { mediaKeysOf } from "@/lib/content/release";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { loadRevision } from "../releases/load";
import { releaseIdSchema } from "../releases/input";
import { publications, releaseRevisions, releases, shareLinks } from "../schema";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const mintInput = z.strictObject({
  releaseId: releaseIdSchema,
  label: z.string().trim().max(200, "The label is too long (at most 200 characters).").default(""),
  validHours: z.coerce.number().int().min(1, "A link must be valid for at least an hour.").max(24 * 14, "A link can be valid for at most 14 days."),
});

/** Mints a link for journalists to read an embargoed release before it lifts. The token is shown once. */
export async function mintShareLink(viewer: Viewer, input: unknown): Promise<{ token: string; expiresAt: Date }> {
  assertCan(viewer, "release:share");
  const parsed = mintInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Check the link settings.");
  const { releaseId, label, validHours } = parsed.data;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + validHours * 3_600_000);
  await (await db()).transaction(async (tx) => {
    const [release] = await tx.select({ status: releases.status }).from(releases).where(eq(releases.id, releaseId)).for("update");
    if (!release) throw new AppError("not_found", "That release does not exist.");
    if (release.status !== "embargoed") throw new AppError("conflict", "Share links are for embargoed releases; embargo it first.");
    await tx.insert(shareLinks).values({ releaseId, tokenHash: hashToken(token), label, expiresAt, createdBy: viewer.id });
    await appendAudit(tx, { action: "share_link_minted", actorId: viewer.id, actorEmail: viewer.email, releaseId, detail: { label, expiresAt: expiresAt.toISOString() } });
  });
  return { token, expiresAt };
}

export async function revokeShareLink(viewer: Viewer, input: { linkId: unknown }) {
  assertCan(viewer, "release:share");
  const linkId = z.uuid().safeParse(input.linkId);
  if (!linkId.success) throw new AppError("not_found", "That link does not exist.");
  await (await db()).transaction(async (tx) => {
    const [link] = await tx.update(shareLinks).set({ revokedAt: new Date() }).where(and(eq(shareLinks.id, linkId.data), isNull(shareLinks.revokedAt))).returning();
    if (!link) throw new AppError("not_found", "That link does not exist or was already revoked.");
    await appendAudit(tx, { action: "share_link_revoked", actorId: viewer.id, actorEmail: viewer.email, releaseId: link.releaseId });
  });
}

export async function listShareLinks(viewer: Viewer, releaseId: string) {
  assertCan(viewer, "release:share");
  return (await db())
    .select({
      id: shareLinks.id,
      label: shareLinks.label,
      expiresAt: shareLinks.expiresAt,
      uses: shareLinks.uses,
      revokedAt: shareLinks.revokedAt,
      expired: sql<boolean>`${shareLinks.expiresAt} <= now()`,
    })
    .from(shareLinks)
    .where(eq(shareLinks.releaseId, releaseId))
    .orderBy(desc(shareLinks.createdAt));
}

export type SharedRelease =
  | { kind: "embargoed"; embargoUntil: Date; revision: Awaited<ReturnType<typeof loadRevision>> }
  | { kind: "published"; slug: string };

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Whether a share link lets its holder load `key`: the link is known, unrevoked and unexpired, its
 * release is still embargoed, and the approved revision it shows uses the file. Image loads are not
 * counted or logged as uses; opening the page is.
 */
export async function shareLinkAllowsMedia(token: string, key: string): Promise<boolean> {
  if (!TOKEN_PATTERN.test(token)) return false;
  const [shared] = await (await db())
    .select({ body: releaseRevisions.body, relatedDocuments: releaseRevisions.relatedDocuments })
    .from(shareLinks)
    .innerJoin(releases, and(eq(releases.id, shareLinks.releaseId), eq(releases.status, "embargoed")))
    .innerJoin(releaseRevisions, eq(releaseRevisions.id, releases.approvedRevisionId))
    .where(and(eq(shareLinks.tokenHash, hashToken(token)), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, new Date())))
    .limit(1);
  return shared ? mediaKeysOf(shared).includes(key) : false;
}

/**
 * What a share link shows: the approved revision while the embargo holds, or the public address once it
 * has lifted. Every use is counted and logged. Unknown, expired and revoked links show nothing.
 */
export async function openShareLink(token: string, address: string): Promise<SharedRelease | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return (await db()).transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(shareLinks)
      .where(and(eq(shareLinks.tokenHash, hashToken(token)), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, new Date())));
    if (!link) return null;
    const [release] = await tx.select().from(releases).where(eq(releases.id, link.releaseId));
    if (!release) return null;
    const [live] = await tx.select({ slug: publications.slug }).from(publications).where(and(eq(publications.releaseId, release.id), isNull(publications.retractedAt)));
    await tx.update(shareLinks).set({ uses: sql`${shareLinks.uses} + 1` }).where(eq(shareLinks.id, link.id));
    await appendAudit(tx, { action: "share_link_used", releaseId: release.id, address, detail: { linkId: link.id, label: link.label } });
    if (release.status === "embargoed" && release.embargoUntil && release.approvedRevisionId) {
      return { kind: "embargoed" as const, embargoUntil: release.embargoUntil, revision: await loadRevision(tx, release.approvedRevisionId) };
    }
    if (live) return { kind: "published" as const, slug: live.slug };
    return null;
  });
}
