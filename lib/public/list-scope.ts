import type { FeedScope } from "@/lib/feeds/discovery";
import type { ListFilters } from "./filters";

/**
 * The feed that matches a filtered list: a type's feed for ?type=, a language's for ?language=, a
 * topic's for ?topic=, the site-wide feed otherwise (and when several filters combine, the first of
 * those in that order, since no feed combines them).
 */
export function feedScopeFor(filters: ListFilters): FeedScope {
  if (filters.type) return { kind: "type", slug: filters.type };
  if (filters.language) return { kind: "language", code: filters.language };
  if (filters.topic) return { kind: "topic", slug: filters.topic };
  return { kind: "all" };
}
