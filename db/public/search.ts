import "server-only";
import { sql } from "drizzle-orm";
import { allSearchConfigs, searchConfigCaseSql } from "@/lib/public/search-config";
import { MARK_START, MARK_STOP, markedToHtml } from "@/lib/public/snippet";
import type { SearchQuery } from "@/lib/public/search-query";
import { database } from "../client";

export type SearchHit = {
  slug: string;
  headline: string;
  /** Escaped headline with the matched words in <mark>. */
  headlineHtml: string;
  /** Escaped passages of the summary and body with the matched words in <mark>. */
  snippetHtml: string;
  typeName: string | null;
  language: string;
  /** The effective date (a calendar date): the release date, or the publication day in the organisation's zone. */
  date: string;
  publishedAt: string;
};

/** `total` counts at most SEARCH_CANDIDATES matches; `more` says there were more than that. */
export type SearchResults = { total: number; more: boolean; hits: SearchHit[]; page: number; pageCount: number };

export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_PAGE = 10;
/**
 * Ranking reads every candidate's whole tsvector, so it is bounded: the most recent matches, as many as
 * the pages a reader can open. A word that is in every release still answers in milliseconds; the
 * reader is told when there are more matches than were ranked.
 */
export const SEARCH_CANDIDATES = SEARCH_PAGE_SIZE * MAX_SEARCH_PAGE;

const ROW_CONFIG = sql.raw(searchConfigCaseSql("p.language"));
const CANDIDATE_CONFIG = sql.raw(searchConfigCaseSql("c.language"));
const SNIPPET_SOURCE_CHARS = 20_000;
const MARKS = `${MARK_START}${MARK_STOP}`;
const HEADLINE_OPTIONS = `HighlightAll=true, StartSel="${MARK_START}", StopSel="${MARK_STOP}"`;
const SNIPPET_OPTIONS = `MaxFragments=2, MinWords=12, MaxWords=30, FragmentDelimiter=" … ", StartSel="${MARK_START}", StopSel="${MARK_STOP}"`;

/**
 * The text passages are taken from: the summary, then the body, except when the summary was made from
 * the body's first paragraph (then both begin alike) and would show the same passage twice.
 */
const snippetSource = sql`case
  when p.summary = '' or left(p.plain_text, 40) = left(p.summary, 40) then left(p.plain_text, ${SNIPPET_SOURCE_CHARS})
  else p.summary || ' — ' || left(p.plain_text, ${SNIPPET_SOURCE_CHARS})
end`;

/**
 * The reader's words as a query in every configuration, joined with OR: the GIN index can answer it
 * with constant operands, and it matches a superset of what each row's own configuration matches (the
 * exact test, applied after it). Each configuration reads the words its own way; none raises an error.
 */
function anyConfigQuery(text: string) {
  return sql.join(
    // Names from our own fixed table: written as constants so the planner folds each query once.
    allSearchConfigs().map((config) => sql`websearch_to_tsquery(${sql.raw(`'${config}'::regconfig`)}, ${text})`),
    sql` || `,
  );
}

type SearchRow = {
  slug: string;
  headline: string;
  headline_marked: string;
  snippet_marked: string;
  type_name: string | null;
  language: string;
  effective_date: string;
  published_at: string;
  total: number;
};

const rowQuery = (text: string) => sql`websearch_to_tsquery(${ROW_CONFIG}, ${text})`;

/**
 * Live rows the index says may match: the reader's words in any configuration. Kept free of per-row
 * terms so the planner can estimate it and, for a common word, walk the newest-first index instead of
 * reading every match; the row's own configuration is the exact test, applied to the candidates.
 */
function mayMatch(text: string) {
  return sql`p.retracted_at is null and p.search_vector @@ (${anyConfigQuery(text)})`;
}

/** The statement behind one page of results (exported so a test can check its plan uses the index). */
export function searchStatement(text: string, page: number) {
  return sql`
    with candidates as (
      select p.release_id, p.search_vector, p.language, p.effective_date, p.published_at
      from publications p
      where ${mayMatch(text)}
      order by p.effective_date desc, p.published_at desc, p.release_id desc
      limit ${SEARCH_CANDIDATES + 1}
    ),
    hits as (
      select c.release_id, ts_rank_cd(c.search_vector, websearch_to_tsquery(${CANDIDATE_CONFIG}, ${text})) as rank, c.effective_date,
        c.published_at, count(*) over () as total
      from candidates c
      where c.search_vector @@ websearch_to_tsquery(${CANDIDATE_CONFIG}, ${text})
      order by rank desc, c.effective_date desc, c.published_at desc, c.release_id desc
      limit ${SEARCH_PAGE_SIZE} offset ${(page - 1) * SEARCH_PAGE_SIZE}
    )
    select p.slug, p.headline, p.type_name, p.language, hits.total::int as total, to_char(p.effective_date, 'YYYY-MM-DD') as effective_date,
      to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as published_at,
      ts_headline(${ROW_CONFIG}, translate(p.headline, ${MARKS}, ''), ${rowQuery(text)}, ${HEADLINE_OPTIONS}) as headline_marked,
      ts_headline(${ROW_CONFIG}, translate(${snippetSource}, ${MARKS}, ''), ${rowQuery(text)}, ${SNIPPET_OPTIONS}) as snippet_marked
    from hits join publications p on p.release_id = hits.release_id
    order by hits.rank desc, hits.effective_date desc, hits.published_at desc, p.release_id desc`;
}

/**
 * Live releases matching the reader's words, best first (ts_rank_cd over headline A, subtitle and
 * summary B, body C; newer first among equals). Each release is searched in its own language's
 * configuration, so French stems find French releases. Per query, so not cached: the GIN index makes
 * it cheap. Input with no word in it returns no results without touching the database.
 */
export async function searchPublications(query: SearchQuery, requestedPage = 1): Promise<SearchResults> {
  const page = Number.isInteger(requestedPage) && requestedPage >= 1 ? Math.min(requestedPage, MAX_SEARCH_PAGE) : 1;
  if (query.kind !== "words") return { total: 0, more: false, hits: [], page: 1, pageCount: 0 };
  const handle = await database();
  const rows = await handle.rows<SearchRow>(searchStatement(query.text, page));
  const counted = rows[0] ? Number(rows[0].total) : await countMatches(query.text, page);
  const total = Math.min(counted, SEARCH_CANDIDATES);
  return {
    total,
    more: counted > SEARCH_CANDIDATES,
    page,
    pageCount: Math.min(Math.ceil(total / SEARCH_PAGE_SIZE), MAX_SEARCH_PAGE),
    hits: rows.map((row) => ({
      slug: row.slug,
      headline: row.headline,
      headlineHtml: markedToHtml(row.headline_marked),
      snippetHtml: markedToHtml(row.snippet_marked),
      typeName: row.type_name,
      language: row.language,
      date: row.effective_date,
      publishedAt: row.published_at,
    })),
  };

  // A page past the end has no rows to carry the total; count once so the page can say how many there are.
  async function countMatches(words: string, current: number) {
    if (current === 1) return 0;
    const [row] = await handle.rows<{ total: number }>(sql`
      select count(*)::int as total from (
        select p.search_vector, p.language from publications p where ${mayMatch(words)}
        order by p.effective_date desc, p.published_at desc, p.release_id desc limit ${SEARCH_CANDIDATES + 1}
      ) as c where c.search_vector @@ websearch_to_tsquery(${CANDIDATE_CONFIG}, ${words})`);
    return Number(row?.total ?? 0);
  }
}
