/** "French" for "fr", in English (the site's own language); the code itself when Intl does not know it. */
export function languageName(code: string, locale = "en"): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** The name a reader sees for a language in its own language ("Français"), for lang-tagged links. */
export function nativeLanguageName(code: string): string {
  return languageName(code, code);
}

const DEFAULT_ACCENT = "#1d3f6e";

/** The accent colour from settings if it is a plain hex colour, the default otherwise (it lands in CSS). */
export function safeAccent(value: string | null | undefined): string {
  return value && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value) ? value : DEFAULT_ACCENT;
}
