import "server-only";
import { toReleaseView, type ReleaseView } from "@/lib/content/release-view";
import { formatInstantDate } from "@/lib/format/dates";
import type { releaseRevisions } from "../schema";
import type { PublicRelease } from "./publications";
import type { PublicSettings } from "./settings";

export function publicationView(release: PublicRelease, settings: PublicSettings, topicNames: Record<string, string>): ReleaseView {
  const view = toReleaseView({
    typeName: release.typeName,
    releaseDate: release.releaseDate,
    fallbackInstant: release.publishedAt,
    timeZone: settings.timeZone,
    reference: release.reference,
    headline: release.headline,
    subtitle: release.subtitle,
    dateline: release.dateline,
    html: release.html,
    relatedDocuments: release.relatedDocuments,
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
      text: `${note.kind === "correction" ? "Corrected" : "Updated"} on ${formatInstantDate(note.at, settings.timeZone)}: ${note.text}`,
    })),
  };
}

/** A stored revision as it would read once published (the editor's preview, embargo share links). */
export function revisionView(
  revision: typeof releaseRevisions.$inferSelect,
  context: { settings: PublicSettings; topicNames: Record<string, string>; typeName: string | null; fallbackInstant: string },
): ReleaseView {
  return toReleaseView({
    typeName: context.typeName,
    releaseDate: revision.releaseDate,
    fallbackInstant: context.fallbackInstant,
    timeZone: context.settings.timeZone,
    reference: revision.reference,
    headline: revision.headline,
    subtitle: revision.subtitle,
    dateline: revision.dateline,
    body: revision.body,
    relatedDocuments: revision.relatedDocuments,
    contacts: revision.contacts,
    notesToEditors: revision.notesToEditors,
    boilerplate: revision.boilerplate,
    defaultBoilerplate: context.settings.boilerplate,
    topics: revision.topics,
    topicNames: context.topicNames,
    language: revision.language,
  });
}
