import "server-only";
import { and, asc, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import type { Cursor } from "@/lib/public/cursor";
import type { DateRange } from "@/lib/public/date-range";
import { db } from "../client";
import { publications } from "../schema";
import { PUBLIC_TAGS } from "./publications";

/** What a list shows of a release: enough for type, date, headline and summary. */
export type ReleaseListItem = {
  releaseId: string;
  slug: string;
  headline: string;
  summary: string;
  typeSlug: string | null;
  typeName: string | null;
  language: string;
  topics: string[];
  /** The calendar date the list shows and orders by: the release date, or the publication day in the organisation's zone. */
  date: string;
  /** UTC, to the microsecond as stored, so a cursor made from it finds the exact row again. */
  publishedAt: string;
};

export type ListQuery = {
  type?: string;
  topic?: string;
  language?: string;
  /** Effective date within [from, to). */
  range?: DateRange;
  cursor?: Cursor | null;
  limit?: number;
};

export type ReleasePage = {
  items: ReleaseListItem[];
  /** Where "Older releases" and "Newer releases" lead; null where there is nothing more. */
  older: Cursor | null;
  newer: Cursor | null;
};

export const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** published_at as Postgres holds it (microseconds); JavaScript dates would round it to milliseconds. */
export const publishedAtText = sql<string>`to_char(${publications.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const listFields = {
  releaseId: publications.releaseId,
  slug: publications.slug,
  headline: publications.headline,
  summary: publications.summary,
  typeSlug: publications.typeSlug,
  typeName: publications.typeName,
  language: publications.language,
  topics: publications.topics,
  date: publications.effectiveDate,
  publishedAt: publishedAtText,
};

/** Live publications matching the filters (never a draft: this table only holds what was published). */
export function liveConditions(query: Omit<ListQuery, "cursor" | "limit">): SQL[] {
  const conditions: SQL[] = [isNull(publications.retractedAt)];
  if (query.type) conditions.push(eq(publications.typeSlug, query.type));
  if (query.topic) conditions.push(sql`${publications.topics} @> ${JSON.stringify([query.topic])}::jsonb`);
  if (query.language) conditions.push(eq(publications.language, query.language));
  if (query.range) {
    conditions.push(sql`${publications.effectiveDate} >= ${query.range.from}::date`);
    conditions.push(sql`${publications.effectiveDate} < ${query.range.to}::date`);
  }
  return conditions;
}

type Position = Pick<Cursor, "date" | "at" | "id">;

/** Newest first: release date, then publication instant, then release_id; the index has the same order. */
const LIST_ORDER = [publications.effectiveDate, publications.publishedAt, publications.releaseId] as const;
export const newestFirst = LIST_ORDER.map((column) => desc(column));
const oldestFirst = LIST_ORDER.map((column) => asc(column));

function beyond(direction: Cursor["direction"], { date, at, id }: Position): SQL {
  const row = sql`(${publications.effectiveDate}, ${publications.publishedAt}, ${publications.releaseId})`;
  const position = sql`(${date}::date, ${at}::timestamptz, ${id}::uuid)`;
  return direction === "older" ? sql`${row} < ${position}` : sql`${row} > ${position}`;
}

const positionOf = (item: ReleaseListItem): Position => ({ date: item.date, at: item.publishedAt, id: item.releaseId });

/**
 * One page of live releases, newest first (by effective date, then publication instant), from the
 * cursor on. Reads the database directly (no cache): the pages call `listReleasePage`, tests call this.
 */
export async function queryReleasePage(query: ListQuery): Promise<ReleasePage> {
  const database = await db();
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? PAGE_SIZE)), MAX_PAGE_SIZE);
  const base = liveConditions(query);
  const cursor = query.cursor ?? null;
  const direction = cursor?.direction ?? "older";
  const conditions = cursor ? [...base, beyond(cursor.direction, cursor)] : base;
  const order = direction === "older" ? newestFirst : oldestFirst;
  const rows = await database
    .select(listFields)
    .from(publications)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (direction === "newer") items.reverse();

  const exists = async (condition: SQL) =>
    (await database.select({ one: sql`1` }).from(publications).where(and(...base, condition)).limit(1)).length > 0;
  const top = items[0];
  const bottom = items.at(-1);
  let hasOlder: boolean;
  let hasNewer: boolean;
  if (direction === "older") {
    hasOlder = more;
    hasNewer = cursor !== null && top !== undefined ? await exists(beyond("newer", positionOf(top))) : false;
  } else {
    hasNewer = more;
    hasOlder = bottom !== undefined ? await exists(beyond("older", positionOf(bottom))) : false;
  }
  // An empty page reached from a cursor (everything after it was retracted) still offers a way back.
  if (items.length === 0 && cursor) {
    return {
      items,
      older: cursor.direction === "newer" && (await exists(beyond("older", cursor))) ? { ...cursor, direction: "older" } : null,
      newer: cursor.direction === "older" && (await exists(beyond("newer", cursor))) ? { ...cursor, direction: "newer" } : null,
    };
  }
  return {
    items,
    older: hasOlder && bottom ? { direction: "older", ...positionOf(bottom) } : null,
    newer: hasNewer && top ? { direction: "newer", ...positionOf(top) } : null,
  };
}

/** `queryReleasePage`, cached until a publication changes. */
export const listReleasePage = (query: ListQuery): Promise<ReleasePage> =>
  unstable_cache(() => queryReleasePage(query), ["publications:page", JSON.stringify(query)], { tags: [PUBLIC_TAGS.all] })();
