import "server-only";
import { toReleaseView, type ReleaseView } from "@/lib/content/release-view";
import { formatLongDate } from "@/lib/format/dates";
import type { PublicRelease } from "./publications";
import type { PublicSettings } from "./settings";

export function publicationView(release: PublicRelease, settings: PublicSettings, topicNames: Record<string, string>): ReleaseView {
  const view = toReleaseView({
    typeName: release.typeName,
    releaseDate: release.releaseDate,
    fallbackDate: release.publishedAt,
    reference: release.reference,
    headline: release.headline,
    subtitle: release.subtitle,
    dateline: release.dateline,
    html: release.html,
    relatedDocuments: release.relatedDocuments.map((document) => ({ ...document, note: document.note ?? null })),
    contacts: release.contacts,
    notesToEditorsHtml: release.notesToEditorsHtml,
    boilerplate: release.boilerplate,
    defaultBoilerplate: settings.boilerplate,
    topics: release.topics,
    topicNames,
    language: release.language,
  });
  return {
    ...view,
    corrections: release.corrections.map((note) => ({
      date: note.at,
      text: `${note.kind === "correction" ? "Corrected" : "Updated"} on ${formatLongDate(note.at, settings.timeZone)}: ${note.text}`,
    })),
  };
}
