import "server-only";
import type { JSONContent } from "@tiptap/core";
import type { Database } from "../connect";
import { createRelease } from "../releases/create";
import { transitionRelease } from "../releases/transition";
import type { Viewer } from "../access";

const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });
const heading = (text: string): JSONContent => ({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text }] });
const bullets = (items: string[]): JSONContent => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [paragraph(item)] })),
});
const quote = (text: string): JSONContent => ({ type: "blockquote", content: [paragraph(text)] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });

/** Neutral releases written for this project, so a fresh newsroom has something to show. */
export const DEMO_RELEASES: { headline: string; body: JSONContent; publish: boolean; submit?: boolean }[] = [
  {
    headline: "Demonstration Mission opens its online newsroom",
    publish: true,
    body: doc(
      paragraph(
        "The Pressroom Demonstration Mission today opened its online newsroom, where journalists and the public can read its press releases, statements and media advisories as soon as they are issued.",
      ),
      quote("“A newsroom should be quick to read, easy to cite and never wrong about what was said,” the Head of the Press Office said."),
      heading("What the newsroom offers"),
      bullets([
        "every release on its own page, with a stable address",
        "an RSS feed carrying the full text of each release",
        "an archive that stays online after corrections or updates",
      ]),
    ),
  },
  {
    headline: "Media advisory: briefing on the annual programme of work",
    publish: true,
    body: doc(
      paragraph("Accredited journalists are invited to a briefing on the Mission's annual programme of work."),
      heading("Practical information"),
      bullets(["Date: to be confirmed", "Place: Press Room 2, ground floor", "Language: English, with interpretation into French"]),
      paragraph("Journalists who wish to attend are asked to register with the Press Office in advance."),
    ),
  },
  {
    headline: "Statement on the conclusion of the autumn consultations",
    publish: true,
    body: doc(
      paragraph(
        "The Mission welcomes the constructive spirit of the autumn consultations, which concluded today after three days of discussion among delegations.",
      ),
      paragraph("The Mission will continue to work with all partners on the follow-up to the consultations in the coming months."),
    ),
  },
  {
    headline: "Spring information session for students of international relations",
    publish: false,
    submit: true,
    body: doc(
      paragraph("The Mission will hold an information session for university students of international relations in the spring."),
      paragraph("Places are limited; universities may register groups of up to twenty students through the Press Office."),
    ),
  },
];

export async function seedDemoReleases(_database: Database, people: { writerId: string; editorId: string }) {
  const writer: Viewer = { id: people.writerId, email: "writer@example.org", name: "Wren Writer", role: "writer", mustChangePassword: false };
  const editor: Viewer = { id: people.editorId, email: "editor@example.org", name: "Eden Editor", role: "editor", mustChangePassword: false };
  for (const release of DEMO_RELEASES) {
    const created = await createRelease(writer, { headline: release.headline, body: release.body });
    if (release.submit) await transitionRelease(writer, { releaseId: created.id, action: "submit", expectedVersion: created.version });
    if (!release.publish) continue;
    let version = created.version;
    for (const [actor, action] of [
      [writer, "submit"],
      [editor, "approve"],
      [editor, "publish"],
    ] as const) {
      ({ version } = await transitionRelease(actor, { releaseId: created.id, action, expectedVersion: version }));
    }
  }
}
