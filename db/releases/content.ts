import { asc, eq, inArray } from "drizzle-orm";
import { contentHash } from "@/lib/content/hash";
import { releaseContentSchema, type ReleaseContent } from "@/lib/content/release";
import { AppError } from "@/lib/errors";
import type { Executor } from "../audit/append";
import { releaseRevisions, releaseTypes, topics } from "../schema";

export type StoredContent = Omit<ReleaseContent, "type"> & { typeId: string | null };

/** Validates what a writer sent; throws AppError("invalid") with per-field messages a person can act on. */
export function parseReleaseContent(input: unknown): ReleaseContent {
  const parsed = releaseContentSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "The release is not valid.", { fieldErrors });
  }
  return parsed.data;
}

/** Resolves the type and topics against their tables, and hashes exactly what will be stored. */
export async function resolveReleaseContent(executor: Executor, content: ReleaseContent): Promise<{ stored: StoredContent; hash: string }> {
  const { type, ...rest } = content;
  let typeId: string | null = null;
  if (type) {
    const [row] = await executor.select({ id: releaseTypes.id }).from(releaseTypes).where(eq(releaseTypes.slug, type)).limit(1);
    if (!row) throw unknownTypeError();
    typeId = row.id;
  }
  const topicSlugs = storedTopics(rest.topics);
  if (topicSlugs.length > 0) {
    const known = await executor.select({ slug: topics.slug }).from(topics).where(inArray(topics.slug, topicSlugs)).orderBy(asc(topics.slug));
    if (known.length !== topicSlugs.length) throw unknownTopicError();
  }
  return storedContent(content, typeId);
}

export const unknownTypeError = () =>
  new AppError("invalid", "That release type does not exist any more; choose another.", { fieldErrors: { type: ["Unknown type."] } });
export const unknownTopicError = () =>
  new AppError("invalid", "One of the topics does not exist any more; choose again.", { fieldErrors: { topics: ["Unknown topic."] } });

/** The topics as stored: each once, sorted (so the order they were picked in is no change). */
export function storedTopics(topicSlugs: readonly string[]): string[] {
  return [...new Set(topicSlugs)].sort();
}

/** Content as stored once its type is resolved to `typeId`, and the hash of exactly that. */
export function storedContent(content: ReleaseContent, typeId: string | null): { stored: StoredContent; hash: string } {
  const { type, ...rest } = content;
  const stored: StoredContent = { ...rest, topics: storedTopics(rest.topics), typeId };
  return { stored, hash: contentHash({ ...stored, type }) };
}

/** The revision row's content columns for stored content. */
export function revisionColumns(stored: StoredContent): Omit<typeof releaseRevisions.$inferInsert, "releaseId" | "number" | "contentHash" | "authorId"> {
  return {
    typeId: stored.typeId,
    language: stored.language,
    headline: stored.headline,
    subtitle: stored.subtitle,
    dateline: stored.dateline,
    releaseDate: stored.releaseDate,
    reference: stored.reference,
    summary: stored.summary,
    body: stored.body,
    notesToEditors: stored.notesToEditors,
    boilerplate: stored.boilerplate,
    relatedDocuments: stored.relatedDocuments,
    contacts: stored.contacts,
    topics: stored.topics,
  };
}

/** A stored revision as the content a writer edits (the editor's starting point, and restores). */
export function contentOfRevision(revision: typeof releaseRevisions.$inferSelect, typeSlug: string | null): ReleaseContent {
  return {
    type: typeSlug,
    language: revision.language,
    headline: revision.headline,
    subtitle: revision.subtitle,
    dateline: revision.dateline,
    releaseDate: revision.releaseDate,
    reference: revision.reference,
    summary: revision.summary,
    body: revision.body,
    notesToEditors: revision.notesToEditors,
    boilerplate: revision.boilerplate,
    relatedDocuments: revision.relatedDocuments,
    contacts: revision.contacts,
    topics: revision.topics,
  };
}
