import type { DatedPublicNote, RelatedDocument } from "@/lib/content/release";

/**
 * What every feed format is built from. The builders (rss.ts, atom.ts, json-feed.ts) take the same
 * document so the three formats of one feed always list the same entries with the same identities.
 */
export type FeedEntry = {
  /** Stable identity ("urn:uuid:<release id>"): never changes, whatever happens to the address or text. */
  id: string;
  /** Absolute URL of the release page. */
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** The full release as HTML with absolute URLs, correction notes and related documents included. */
  contentHtml: string;
  /** When the release counts as published (lib/time/release-date.ts), not necessarily when it went live. */
  published: Date;
  /** The offset `published` is written in: the organisation's zone on that day; UTC when absent. */
  publishedOffsetMinutes?: number;
  /** Changes on every update, correction or retraction of the publication. */
  updated: Date;
  /** Topics: `term` is the slug, `label` what a reader sees. */
  categories: { term: string; label: string }[];
  /** The lead image, when the release has one whose size and type are known. */
  image?: { url: string; type: string; length: number };
  language: string;
};

export type FeedDocument = {
  title: string;
  description: string;
  /** The page this feed mirrors. */
  homeUrl: string;
  /** The URL this document is served from. */
  selfUrl: string;
  /** e.g. "en" or "en-GB". */
  language: string;
  /** Who publishes the feed (Atom and JSON Feed name an author). */
  author: string;
  /** The newest change this feed reflects; Atom requires it even for an empty feed. */
  updated: Date;
  /** A WebSub hub the feed announces, when one is configured. */
  hubUrl?: string;
  entries: FeedEntry[];
};

/** One live publication as the data layer hands it over (JSON-safe: instants are ISO strings). */
export type FeedSourceItem = {
  releaseId: string;
  slug: string;
  headline: string;
  summary: string;
  /** The rendered, sanitized body; its URLs to our own files are site-relative (/media/…). */
  html: string;
  language: string;
  topics: { slug: string; name: string }[];
  relatedDocuments: RelatedDocument[];
  corrections: DatedPublicNote[];
  /** The release's own calendar date (YYYY-MM-DD); absent or null when it has none. */
  releaseDate?: string | null;
  publishedAt: string;
  updatedAt: string;
  leadImage: { key: string; mimeType: string; bytes: number } | null;
};

/** Everything one feed shows, whatever the format. */
export type FeedSource = {
  /** The topic, type or language name; null for the site-wide feed. */
  scopeName: string | null;
  organisationName: string;
  defaultLanguage: string;
  timeZone: string;
  /** ISO instant of the newest change that can alter this feed (see db/public/feed-items.ts). */
  lastModified: string;
  items: FeedSourceItem[];
};
