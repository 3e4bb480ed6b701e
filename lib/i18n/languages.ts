import { languageDisplayNames } from "@/lib/format/intl-cache";

/** The languages a release can be written in, with their names in English, in the order the editor offers them. */
export const LANGUAGES = [
  ["en", "English"],
  ["fr", "French"],
  ["es", "Spanish"],
  ["ar", "Arabic"],
  ["zh", "Chinese"],
  ["ru", "Russian"],
  ["de", "German"],
  ["it", "Italian"],
  ["pt", "Portuguese"],
] as const;

/** "French" for "fr", in English (the site's own language) by default; the code itself when Intl does not know it. */
export function languageName(code: string, locale = "en"): string {
  try {
    const name = languageDisplayNames(locale).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

