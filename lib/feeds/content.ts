import { formatInstantDate } from "@/lib/format/dates";
import { escapeHtml } from "@/lib/html/escape";
import type { FeedSourceItem } from "./model";

/**
 * Makes the site-relative addresses of our rendered HTML (images and documents under /media/) absolute:
 * a feed reader resolves them against its own location, not ours. The renderer writes every attribute
 * in double quotes and escapes quotes in text, so ` src="` only ever starts an attribute.
 */
export function absoluteUrls(html: string, siteUrl: string): string {
  return html.replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${siteUrl}/`);
}

/**
 * The full text a feed carries for a release: its public correction and update notes first (a reader
 * who saw the first version must see what changed), the body, then the related documents with notes.
 */
export function entryContentHtml(item: FeedSourceItem, options: { siteUrl: string; timeZone: string }): string {
  const parts: string[] = [];
  for (const note of item.corrections) {
    const label = `${note.kind === "correction" ? "Corrected" : "Updated"} on ${formatInstantDate(note.at, options.timeZone)}:`;
    parts.push(`<p><strong>${escapeHtml(label)}</strong> ${escapeHtml(note.text)}</p>`);
  }
  parts.push(absoluteUrls(item.html, options.siteUrl));
  const documents = item.relatedDocuments.filter((document) => document.url || document.mediaKey);
  if (documents.length > 0) {
    const list = documents.map((document) => {
      const href = document.url ?? `${options.siteUrl}/media/${encodeURIComponent(document.mediaKey!)}`;
      const note = document.note ? ` — ${escapeHtml(document.note)}` : "";
      return `<li><a href="${escapeHtml(href)}">${escapeHtml(document.title)}</a>${note}</li>`;
    });
    parts.push(`<h2>Related documents</h2><ul>${list.join("")}</ul>`);
  }
  return parts.join("");
}
