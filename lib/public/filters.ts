import { decodeCursor, encodeCursor, type Cursor } from "./cursor";
import { parseYear } from "./date-range";

/**
 * The filters of a release list as they travel in the address (?type=statement&year=2025&cursor=…).
 * Values that could never be valid are dropped here; the page then drops values that match nothing
 * published (see `keepKnown`), so an odd address shows the unfiltered list instead of an error.
 */
export type ListFilters = { type?: string; topic?: string; language?: string; year?: number };

export type SearchParams = Record<string, string | string[] | undefined>;

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseListParams(params: SearchParams): { filters: ListFilters; cursor: Cursor | null } {
  const filters: ListFilters = {};
  const type = first(params.type)?.trim();
  const topic = first(params.topic)?.trim();
  const language = first(params.language)?.trim();
  const year = parseYear(first(params.year)?.trim());
  if (type && SLUG.test(type)) filters.type = type;
  if (topic && SLUG.test(topic)) filters.topic = topic;
  if (language && LANGUAGE.test(language)) filters.language = language;
  if (year !== null) filters.year = year;
  return { filters, cursor: decodeCursor(first(params.cursor)) };
}

/** Only the filters whose value is among the options on offer. */
export function keepKnown(
  filters: ListFilters,
  known: { types: Iterable<string>; topics: Iterable<string>; languages: Iterable<string>; years: Iterable<number> },
): ListFilters {
  const kept: ListFilters = {};
  if (filters.type && new Set(known.types).has(filters.type)) kept.type = filters.type;
  if (filters.topic && new Set(known.topics).has(filters.topic)) kept.topic = filters.topic;
  if (filters.language && new Set(known.languages).has(filters.language)) kept.language = filters.language;
  if (filters.year !== undefined && new Set(known.years).has(filters.year)) kept.year = filters.year;
  return kept;
}

/** The address of a list page with these filters (and a cursor), parameters in a stable order. */
export function listHref(path: string, filters: ListFilters, cursor?: Cursor): string {
  const query = new URLSearchParams();
  if (filters.type) query.set("type", filters.type);
  if (filters.topic) query.set("topic", filters.topic);
  if (filters.language) query.set("language", filters.language);
  if (filters.year !== undefined) query.set("year", String(filters.year));
  if (cursor) query.set("cursor", encodeCursor(cursor));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function hasFilters(filters: ListFilters): boolean {
  return Boolean(filters.type || filters.topic || filters.language || filters.year !== undefined);
}
