import "server-only";
import { asc } from "drizzle-orm";
import { db } from "../client";
import { releaseTypes, topics } from "../schema";

/** Release types and topics for pickers, in their display order. */
export async function listTaxonomy() {
  const database = await db();
  const [types, topicRows] = await Promise.all([
    database.select().from(releaseTypes).orderBy(asc(releaseTypes.position), asc(releaseTypes.name)),
    database.select().from(topics).orderBy(asc(topics.name)),
  ]);
  return { types, topics: topicRows };
}
