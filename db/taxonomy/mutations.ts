import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { slugify, slugSchema } from "@/lib/slug";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { releaseRevisions, releaseTypes, topics } from "../schema";

const nameInput = z.strictObject({
  name: z.string().trim().min(1, "Enter a name.").max(120, "The name is too long (at most 120 characters)."),
  slug: z.string().trim().optional(),
  description: z.string().trim().max(1000).optional(),
});

function parseName(input: unknown) {
  const parsed = nameInput.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Enter a name.");
  const slug = slugSchema.safeParse(parsed.data.slug || slugify(parsed.data.name));
  if (!slug.success) throw new AppError("invalid", slug.error.issues[0]?.message ?? "That web address is not valid.");
  return { ...parsed.data, slug: slug.data };
}

const isUniqueViolation = (error: unknown) => (error as { code?: string; cause?: { code?: string } })?.code === "23505" || (error as { cause?: { code?: string } })?.cause?.code === "23505";

export async function createTopic(viewer: Viewer, input: unknown) {
  assertCan(viewer, "settings:manage");
  const value = parseName(input);
  try {
    return await (await db()).transaction(async (tx) => {
      const [row] = await tx.insert(topics).values({ name: value.name, slug: value.slug, description: value.description ?? "" }).returning();
      await appendAudit(tx, { action: "topic_created", actorId: viewer.id, actorEmail: viewer.email, detail: { slug: value.slug } });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A topic with the address "${value.slug}" already exists.`);
    throw error;
  }
}

export async function deleteTopic(viewer: Viewer, slug: unknown) {
  assertCan(viewer, "settings:manage");
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw new AppError("invalid", "That topic does not exist.");
  return (await db()).transaction(async (tx) => {
    const [used] = await tx
      .select({ n: count() })
      .from(releaseRevisions)
      .where(sql`${releaseRevisions.topics} @> ${JSON.stringify([parsed.data])}::jsonb`);
    if (used && used.n > 0) throw new AppError("conflict", "Releases use this topic; it cannot be deleted.");
    const removed = await tx.delete(topics).where(eq(topics.slug, parsed.data)).returning({ slug: topics.slug });
    if (removed.length === 0) throw new AppError("not_found", "That topic does not exist.");
    await appendAudit(tx, { action: "topic_deleted", actorId: viewer.id, actorEmail: viewer.email, detail: { slug: parsed.data } });
  });
}

export async function createReleaseType(viewer: Viewer, input: unknown) {
  assertCan(viewer, "settings:manage");
  const value = parseName(input);
  try {
    return await (await db()).transaction(async (tx) => {
      const [last] = await tx.select({ position: sql<number>`coalesce(max(${releaseTypes.position}), 0)` }).from(releaseTypes);
      const [row] = await tx
        .insert(releaseTypes)
        .values({ name: value.name, slug: value.slug, position: Number(last?.position ?? 0) + 1 })
        .returning();
      await appendAudit(tx, { action: "release_type_created", actorId: viewer.id, actorEmail: viewer.email, detail: { slug: value.slug } });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A release type with the address "${value.slug}" already exists.`);
    throw error;
  }
}

export async function deleteReleaseType(viewer: Viewer, slug: unknown) {
  assertCan(viewer, "settings:manage");
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw new AppError("invalid", "That release type does not exist.");
  return (await db()).transaction(async (tx) => {
    const [type] = await tx.select().from(releaseTypes).where(eq(releaseTypes.slug, parsed.data)).limit(1);
    if (!type) throw new AppError("not_found", "That release type does not exist.");
    const [used] = await tx.select({ n: count() }).from(releaseRevisions).where(eq(releaseRevisions.typeId, type.id));
    if (used && used.n > 0) throw new AppError("conflict", "Releases use this type; it cannot be deleted.");
    await tx.delete(releaseTypes).where(eq(releaseTypes.id, type.id));
    await appendAudit(tx, { action: "release_type_deleted", actorId: viewer.id, actorEmail: viewer.email, detail: { slug: parsed.data } });
  });
}
