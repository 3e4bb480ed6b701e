import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { mediaContactSchema } from "@/lib/content/release";
import { hrefSchema } from "@/lib/content/href-schema";
import { AppError } from "@/lib/errors";
import { assertCan, type Viewer } from "../access";
import { appendAudit, type Transaction } from "../audit/append";
import { db } from "../client";
import { isMediaKey } from "@/lib/media/files";
import { media, publications, settings } from "../schema";

const lines = (max: number, label: string) =>
  z
    .string()
    .max(2000)
    .transform((value) => value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
    .refine((value) => value.length <= max, `${label}: at most ${max} lines.`);

const optional = (schema: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? null : value))
    .pipe(schema.nullable());

export const settingsInput = z.strictObject({
  expectedVersion: z.coerce.number().int().min(1),
  organisationName: z.string().trim().min(1, "Enter the organisation's name.").max(200),
  address: lines(6, "Address"),
  phones: lines(4, "Phone numbers"),
  fax: optional(z.string().max(60)),
  email: optional(z.email("The press office email address is not valid.")),
  website: optional(hrefSchema),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "The accent colour must look like #1d3f6e."),
  timeZone: z.string().refine(isTimeZone, "That is not a time zone name (for example Europe/Zurich or America/New_York)."),
  defaultLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "Use a language code such as en or fr."),
  boilerplate: z.string().trim().max(4000, "The boilerplate is too long (at most 4,000 characters)."),
  contactName: z.string().trim().max(200),
  contactEmail: optional(z.email("The default contact's email address is not valid.")),
  contactPhone: optional(z.string().max(60)),
  /** An uploaded image's key, or null to remove the logo; absent keeps the current one. */
  logoKey: z.string().refine(isMediaKey, "That is not an uploaded file.").nullable().optional(),
});

function isTimeZone(value: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

/** Admins edit the organisation's letterhead, boilerplate, default contact and time zone. */
export async function updateSettings(viewer: Viewer, input: unknown) {
  assertCan(viewer, "settings:manage");
  const parsed = settingsInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "Check the settings.", { fieldErrors });
  }
  const value = parsed.data;
  const defaultContact = value.contactName
    ? mediaContactSchema.parse({ name: value.contactName, role: null, email: value.contactEmail, phone: value.contactPhone })
    : null;
  return (await db()).transaction(async (tx) => {
    const [before] = await tx.select({ timeZone: settings.timeZone }).from(settings).where(eq(settings.id, 1));
    if (value.logoKey) {
      const [file] = await tx.select({ kind: media.kind }).from(media).where(eq(media.key, value.logoKey));
      if (file?.kind !== "image") throw new AppError("invalid", "The logo must be an uploaded image (PNG, JPEG, GIF or WebP).");
    }
    const [updated] = await tx
      .update(settings)
      .set({
        organisationName: value.organisationName,
        letterhead: { address: value.address, phones: value.phones, fax: value.fax, email: value.email, website: value.website },
        accentColor: value.accentColor.toLowerCase(),
        timeZone: value.timeZone,
        defaultLanguage: value.defaultLanguage,
        boilerplate: value.boilerplate,
        defaultContact,
        ...(value.logoKey !== undefined ? { logoKey: value.logoKey } : {}),
        version: value.expectedVersion + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(settings.id, 1), eq(settings.version, value.expectedVersion)))
      .returning({ version: settings.version });
    if (!updated) throw new AppError("conflict", "Someone else changed the settings after you opened them. Reload to see their changes.");
    if (before && before.timeZone !== value.timeZone) await moveUndatedReleases(tx, value.timeZone);
    await appendAudit(tx, { action: "settings_changed", actorId: viewer.id, actorEmail: viewer.email });
    return updated;
  });
}

/**
 * An undated release is filed under the day it was published in the organisation's zone
 * (publications.effective_date, computed from the row's time_zone): a new zone re-files them, in the
 * same transaction, so lists, the archive and feeds never mix two zones. Publishing reads the zone
 * FOR SHARE, so a publication committing meanwhile waits and then takes the new zone.
 */
async function moveUndatedReleases(tx: Transaction, timeZone: string) {
  const known = await tx.select({ one: sql`1` }).from(sql`pg_timezone_names`).where(sql`name = ${timeZone}`).limit(1);
  if (known.length === 0) {
    const message = `The database does not know the time zone ${timeZone}: choose another name for it.`;
    throw new AppError("invalid", message, { fieldErrors: { timeZone: [message] } });
  }
  await tx.update(publications).set({ timeZone }).where(ne(publications.timeZone, timeZone));
}

export async function readSettingsForAdmin(viewer: Viewer) {
  assertCan(viewer, "settings:manage");
  const [row] = await (await db()).select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!row) throw new AppError("not_found", "The settings have not been created yet; run npm start once.");
  return row;
}
