import type { settings } from "../schema";

export const DEFAULT_SETTINGS: typeof settings.$inferInsert = {
  id: 1,
  organisationName: "Office of the Pressroom Demonstration Mission",
  letterhead: {
    address: ["12 Avenue of the Example", "1200 Geneva", "Switzerland"],
    phones: ["+41 22 000 00 00"],
    fax: null,
    email: "press@example.org",
    website: "https://example.org",
  },
  accentColor: "#1d3f6e",
  timeZone: "Europe/Zurich",
  defaultLanguage: "en",
  boilerplate:
    "The Pressroom Demonstration Mission represents a fictional organisation used to show how this newsroom works. It publishes press releases, statements and media advisories.",
  defaultContact: { name: "Press Office", role: null, email: "press@example.org", phone: "+41 22 000 00 00" },
};

export const DEFAULT_RELEASE_TYPES = [
  { slug: "press-release", name: "Press release", position: 1 },
  { slug: "statement", name: "Statement", position: 2 },
  { slug: "media-advisory", name: "Media advisory", position: 3 },
  { slug: "letter", name: "Letter", position: 4 },
  { slug: "speech", name: "Speech", position: 5 },
  { slug: "fact-sheet", name: "Fact sheet", position: 6 },
];
