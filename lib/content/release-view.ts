import type { JSONContent } from "@tiptap/core";
import { effectiveDate } from "@/lib/time/release-date";
import type { MediaContact, RelatedDocument } from "./release";
import { renderBodyHtml } from "./render";

/** What one release shows, from letterhead to boilerplate: built from a publication or from a draft. */
export type ReleaseView = {
  typeName: string | null;
  /** The calendar date (YYYY-MM-DD) the release is dated: see `toReleaseView`. */
  date: string;
  reference: string | null;
  headline: string;
  subtitle: string | null;
  dateline: string | null;
  html: string;
  /** Each document's address: the link, or our file's /media address. */
  relatedDocuments: (Pick<RelatedDocument, "title" | "note"> & { href: string })[];
  contacts: MediaContact[];
  notesToEditorsHtml: string | null;
  boilerplate: string | null;
  topics: { slug: string; name: string }[];
  language: string;
  corrections?: { date: string; text: string }[];
  translations?: { href: string; language: string; headline: string }[];
};

export type ReleaseViewSource = {
  typeName: string | null;
  /** The release's own calendar date (YYYY-MM-DD), if it has one. */
  releaseDate: string | null;
  /**
   * The instant an undated release goes by: when it was published (a draft's preview: now; an embargo
   * link: the embargo's end). Its calendar day in `timeZone` is the date shown.
   */
  fallbackInstant: string;
  /** The organisation's time zone. */
  timeZone: string;
  reference: string | null;
  headline: string;
  subtitle: string | null;
  dateline: string | null;
  body?: JSONContent;
  html?: string;
  relatedDocuments: RelatedDocument[];
  contacts: MediaContact[];
  notesToEditors?: JSONContent | null;
  notesToEditorsHtml?: string | null;
  boilerplate: string | null;
  defaultBoilerplate: string;
  topics: string[];
  topicNames: Record<string, string>;
  language: string;
};

/** One mapping for the public page and the editor's preview, so the preview is the page. */
export function toReleaseView(source: ReleaseViewSource): ReleaseView {
  return {
    typeName: source.typeName,
    date: effectiveDate({ releaseDate: source.releaseDate, publishedAt: source.fallbackInstant }, source.timeZone),
    reference: source.reference,
    headline: source.headline,
    subtitle: source.subtitle,
    dateline: source.dateline,
    html: source.html ?? (source.body ? renderBodyHtml(source.body) : ""),
    relatedDocuments: source.relatedDocuments
      .filter((document) => document.url || document.mediaKey)
      .map((document) => ({ title: document.title, href: document.url ?? `/media/${document.mediaKey}`, note: document.note })),
    contacts: source.contacts,
    notesToEditorsHtml: source.notesToEditorsHtml ?? (source.notesToEditors ? renderBodyHtml(source.notesToEditors) : null),
    boilerplate: source.boilerplate ?? (source.defaultBoilerplate || null),
    topics: source.topics.map((slug) => ({ slug, name: source.topicNames[slug] ?? slug })),
    language: source.language,
  };
}
