import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { bodyToPlainText, renderBodyHtml, summaryFrom } from "@/lib/content/render";
import { leadImageOf } from "@/lib/content/lead-image";
import { mediaKeysOf } from "@/lib/content/release";
import type { Transaction } from "../audit/append";
import { safeTimeZone } from "@/lib/public/date-range";
import { publications, releases, releaseTypes, settings } from "../schema";
import { loadRevision } from "../releases/load";
import type { FeedMembership } from "@/lib/feeds/websub";

/**
 * The live releases in the same translation group: their pages list this one's language, so a change to
 * it changes them too.
 */
export async function liveTranslationSlugs(tx: Transaction, release: Pick<typeof releases.$inferSelect, "id" | "translationGroup">): Promise<string[]> {
  const rows = await tx
    .select({ slug: publications.slug })
    .from(publications)
    .innerJoin(releases, eq(releases.id, publications.releaseId))
    .where(and(eq(releases.translationGroup, release.translationGroup), isNull(publications.retractedAt), ne(releases.id, release.id)));
  return rows.map((row) => row.slug);
}

/**
 * Writes (or replaces) the release's publications row from exactly the approved revision, inside the
 * caller's transaction, so the public side changes together with the state change and its audit row.
 * Returns, beside the feeds, the addresses whose pages changed (its own, the one it had before a change
 * of address, its translations'), for the transaction's one change notice.
 */
export async function writePublication(
  tx: Transaction,
  release: typeof releases.$inferSelect,
  publishedBy: string | null,
  now: Date,
  note: { kind: "correction" | "update"; text: string } | null = null,
) {
  if (!release.approvedRevisionId || release.currentRevisionId !== release.approvedRevisionId) {
    throw new Error("invariant: only the approved revision can be published");
  }
  const revision = await loadRevision(tx, release.approvedRevisionId);
  if (revision.contentHash !== release.approvedContentHash) throw new Error("invariant: approved content hash mismatch");
  const [type] = revision.typeId
    ? await tx.select().from(releaseTypes).where(eq(releaseTypes.id, revision.typeId)).limit(1)
    : [];
  // FOR SHARE: a change of zone committing meanwhile would not see this row to rewrite it (db/settings/update.ts).
  const [organisation] = await tx.select({ timeZone: settings.timeZone }).from(settings).where(eq(settings.id, 1)).for("share");
  const row = {
    revisionId: revision.id,
    contentHash: revision.contentHash,
    slug: release.slug,
    typeSlug: type?.slug ?? null,
    typeName: type?.name ?? null,
    language: revision.language,
    topics: revision.topics,
    headline: revision.headline,
    subtitle: revision.subtitle,
    dateline: revision.dateline,
    releaseDate: revision.releaseDate,
    // The zone that turns an undated release's publication instant into its effective_date.
    timeZone: safeTimeZone(organisation?.timeZone ?? "UTC"),
    reference: revision.reference,
    summary: revision.summary ?? summaryFrom(revision.body),
    html: renderBodyHtml(revision.body),
    plainText: bodyToPlainText(revision.body),
    relatedDocuments: revision.relatedDocuments,
    contacts: revision.contacts,
    notesToEditorsHtml: revision.notesToEditors ? renderBodyHtml(revision.notesToEditors) : null,
    boilerplate: revision.boilerplate,
    mediaKeys: mediaKeysOf(revision),
    leadImage: leadImageOf(revision.body),
    updatedAt: now,
    publishedBy,
    retractedAt: null,
    retractionReason: null,
  };
  const [existing] = await tx
    .select({ slug: publications.slug, corrections: publications.corrections, topics: publications.topics, typeSlug: publications.typeSlug, language: publications.language })
    .from(publications)
    .where(eq(publications.releaseId, release.id));
  const corrections = [...(existing?.corrections ?? []), ...(note ? [{ ...note, at: now.toISOString() }] : [])];
  await tx
    .insert(publications)
    .values({ releaseId: release.id, publishedAt: now, ...row, corrections })
    .onConflictDoUpdate({ target: publications.releaseId, set: { ...row, corrections } });
  // The feeds the change touches: those it appears in now, and those an update took it out of.
  const feeds: FeedMembership[] = [{ topics: row.topics, typeSlug: row.typeSlug, language: row.language }];
  if (existing) feeds.push({ topics: existing.topics, typeSlug: existing.typeSlug, language: existing.language });
  const changedSlugs = [...new Set([release.slug, ...(existing ? [existing.slug] : []), ...(await liveTranslationSlugs(tx, release))])];
  return { slug: release.slug, revisionId: revision.id, feeds, changedSlugs };
}
