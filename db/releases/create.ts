import "server-only";
import { asc, eq } from "drizzle-orm";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { releaseRevisions, releases, releaseTypes } from "../schema";
import { assertCan, type Viewer } from "../access";
import { parseReleaseContent, resolveReleaseContent, revisionColumns } from "./content";
import { uniqueSlug } from "./slug";

/** A new draft with its first revision. */
export async function createRelease(viewer: Viewer, input: unknown): Promise<{ id: string; version: number }> {
  assertCan(viewer, "release:create");
  const content = parseReleaseContent(input);
  const typeGiven = typeof input === "object" && input !== null && "type" in input;
  return (await db()).transaction(async (tx) => {
    if (!typeGiven) {
      // A new release without a type starts as the first type in the admins' list ("Press release").
      const [first] = await tx.select({ slug: releaseTypes.slug }).from(releaseTypes).orderBy(asc(releaseTypes.position)).limit(1);
      content.type = first?.slug ?? null;
    }
    const { stored, hash } = await resolveReleaseContent(tx, content);
    const [release] = await tx
      .insert(releases)
      .values({ slug: await uniqueSlug(tx, content.headline), createdBy: viewer.id })
      .returning({ id: releases.id, version: releases.version });
    if (!release) throw new Error("insert returned no row");
    const [revision] = await tx
      .insert(releaseRevisions)
      .values({ ...revisionColumns(stored), releaseId: release.id, number: 1, contentHash: hash, authorId: viewer.id })
      .returning({ id: releaseRevisions.id });
    await tx.update(releases).set({ currentRevisionId: revision!.id }).where(eq(releases.id, release.id));
    await appendAudit(tx, {
      action: "release_created",
      actorId: viewer.id,
      actorEmail: viewer.email,
      releaseId: release.id,
      toState: "draft",
      revisionId: revision!.id,
    });
    return release;
  });
}
