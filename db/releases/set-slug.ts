import "server-only";
import { and, eq } from "drizzle-orm";
import { canChangeSlug, checkEdit, denialToError, SLUG_FIXED_MESSAGE } from "@/lib/workflow/transitions";
import { slugSchema } from "@/lib/slug";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { releases, releaseSlugs } from "../schema";
import { releaseIdSchema, versionSchema } from "./input";
import { loadReleaseContext } from "./load";
import { CONFLICT_MESSAGE } from "./save";

/**
 * Changes a release's web address. Only before its first publication: after that the address is stable.
 * The old address is kept and redirects to the new one.
 */
export async function setReleaseSlug(viewer: Viewer, input: { releaseId: unknown; slug: unknown; expectedVersion: unknown }) {
  assertCan(viewer, "release:edit-own");
  const releaseId = releaseIdSchema.parse(input.releaseId);
  const expectedVersion = versionSchema.parse(input.expectedVersion);
  const parsed = slugSchema.safeParse(typeof input.slug === "string" ? input.slug.trim() : input.slug);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "That web address is not valid.");
  const slug = parsed.data;

  return (await db()).transaction(async (tx) => {
    const context = await loadReleaseContext(tx, releaseId, viewer.id, { lock: true });
    const { release } = context;
    const edit = checkEdit({ role: viewer.role, isOwner: context.isOwner, status: release.status, isLive: context.isLive });
    if (!edit.ok) throw denialToError(edit);
    if (!canChangeSlug(release, true)) throw new AppError("conflict", SLUG_FIXED_MESSAGE);
    if (release.version !== expectedVersion) throw new AppError("conflict", CONFLICT_MESSAGE);
    if (slug === release.slug) return { version: release.version, slug };
    const [takenByRelease] = await tx.select({ id: releases.id }).from(releases).where(eq(releases.slug, slug)).limit(1);
    const [takenBefore] = await tx.select({ releaseId: releaseSlugs.releaseId }).from(releaseSlugs).where(eq(releaseSlugs.slug, slug)).limit(1);
    if (takenByRelease || (takenBefore && takenBefore.releaseId !== releaseId)) {
      throw new AppError("conflict", "Another release already uses that web address.");
    }
    if (takenBefore) await tx.delete(releaseSlugs).where(eq(releaseSlugs.slug, slug));
    await tx.insert(releaseSlugs).values({ slug: release.slug, releaseId }).onConflictDoNothing();
    const [updated] = await tx
      .update(releases)
      .set({ slug, version: release.version + 1, updatedAt: new Date() })
      .where(and(eq(releases.id, releaseId), eq(releases.version, expectedVersion)))
      .returning({ version: releases.version });
    if (!updated) throw new AppError("conflict", CONFLICT_MESSAGE);
    await appendAudit(tx, { action: "slug_changed", actorId: viewer.id, actorEmail: viewer.email, releaseId, detail: { from: release.slug, to: slug } });
    return { version: updated.version, slug };
  });
}
