import "server-only";
import { eq } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import { DEFAULT_SETTINGS } from "../seed/defaults";
import { db } from "../client";
import type { MediaContact } from "@/lib/content/release";
import { settings } from "../schema";

export const SETTINGS_TAG = "settings";

export type PublicSettings = {
  organisationName: string;
  letterhead: NonNullable<(typeof settings.$inferSelect)["letterhead"]>;
  accentColor: string;
  timeZone: string;
  defaultLanguage: string;
  boilerplate: string;
  /** The press office contact shown on the organisation page (optional in settings). */
  defaultContact?: MediaContact | null;
  /** The uploaded logo's media key (served publicly while it is the logo), or null. */
  logoKey: string | null;
};

/** The organisation as the public side shows it (cached until settings change). */
export const getPublicSettings = (): Promise<PublicSettings> =>
  unstable_cache(
    async () => {
      const [row] = await (await db()).select().from(settings).where(eq(settings.id, 1)).limit(1);
      const source = row ?? { ...DEFAULT_SETTINGS, accentColor: "#1d3f6e", timeZone: "UTC", defaultLanguage: "en", boilerplate: "" };
      return {
        organisationName: source.organisationName,
        letterhead: source.letterhead,
        accentColor: source.accentColor ?? "#1d3f6e",
        timeZone: source.timeZone ?? "UTC",
        defaultLanguage: source.defaultLanguage ?? "en",
        boilerplate: source.boilerplate ?? "",
        defaultContact: source.defaultContact ?? null,
        logoKey: "logoKey" in source ? (source.logoKey ?? null) : null,
      };
    },
    ["settings:public"],
    { tags: [SETTINGS_TAG] },
  )();
