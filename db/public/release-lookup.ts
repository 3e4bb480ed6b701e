import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "../client";
import { publications, releaseSlugs } from "../schema";

/**
 * Whether a release's page could answer at `slug` with anything but 404: a publication has it (live or
 * retracted), or it is an address a release had before (which may redirect). Two unique-index probes.
 * The server asks this before rendering an unknown release address (scripts/public-responses.mjs).
 */
export async function releaseAddressKnown(slug: string): Promise<boolean> {
  const database = await db();
  const rows = await database
    .select({ one: sql<number>`1` })
    .from(publications)
    .where(eq(publications.slug, slug))
    .unionAll(database.select({ one: sql<number>`1` }).from(releaseSlugs).where(eq(releaseSlugs.slug, slug)))
    .limit(1);
  return rows.length > 0;
}
