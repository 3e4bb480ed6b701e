/**
 * Intl formatters, made once per locale and options. Constructing one costs about a third of a
 * millisecond (it loads locale data), formatting with it a few microseconds: a list of twenty dates
 * built its formatters anew on every render and spent most of its time there. A bad zone or locale
 * still throws (RangeError) at the call that names it; nothing is kept for it.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const displayNames = new Map<string, Intl.DisplayNames>();
/** Locales × zones × option sets stay few in practice; the bound keeps odd input from growing it. */
const MAX_KEPT = 500;

function kept<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const found = cache.get(key);
  if (found) return found;
  const made = make();
  if (cache.size >= MAX_KEPT) cache.delete(cache.keys().next().value!);
  cache.set(key, made);
  return made;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(dateTimeFormats, `${locale}\n${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function languageDisplayNames(locale: string): Intl.DisplayNames {
  return kept(displayNames, locale, () => new Intl.DisplayNames([locale], { type: "language" }));
}
