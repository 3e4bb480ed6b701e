import "server-only";
import { eq, or, sql } from "drizzle-orm";
import { slugify } from "@/lib/slug";
import type { Executor } from "../audit/append";
import { releases, releaseSlugs } from "../schema";

/** Any lock number works as long as every slug allocator uses the same one. */
const SLUG_ALLOCATION_LOCK = 727_431_003;

/**
 * A slug from the headline that no release uses now or used before ("-2", "-3", … when taken).
 * Call it inside the transaction that inserts the slug: the transaction-scoped advisory lock makes
 * concurrent allocators queue until the first commits, so two releases with the same headline created
 * at once get "x" and "x-2" instead of one failing on the unique index.
 */
export async function uniqueSlug(executor: Executor, headline: string): Promise<string> {
  await executor.execute(sql`select pg_advisory_xact_lock(${SLUG_ALLOCATION_LOCK})`);
  const base = slugify(headline);
  const taken = new Set(
    (
      await executor
        .select({ slug: releases.slug })
        .from(releases)
        .where(or(eq(releases.slug, base), sql`${releases.slug} like ${`${base}-%`}`))
    ).map((row) => row.slug),
  );
  for (const row of await executor
    .select({ slug: releaseSlugs.slug })
    .from(releaseSlugs)
    .where(or(eq(releaseSlugs.slug, base), sql`${releaseSlugs.slug} like ${`${base}-%`}`))) {
    taken.add(row.slug);
  }
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
