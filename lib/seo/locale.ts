/** og:locale is written language_TERRITORY: "en-GB" → "en_GB"; a bare language ("fr") stays as it is. */
export function openGraphLocale(language: string): string {
  const [primary, region] = language.split("-");
  return region ? `${primary!.toLowerCase()}_${region.toUpperCase()}` : primary!.toLowerCase();
}

/**
 * news:language of Google's news sitemaps: the ISO 639 code, except Chinese, which must say which
 * script ("zh-cn" simplified, "zh-tw" traditional).
 */
export function newsSitemapLanguage(language: string): string {
  const [primary, region] = language.toLowerCase().split("-");
  if (primary === "zh") return region === "tw" || region === "hk" || region === "mo" ? "zh-tw" : "zh-cn";
  return primary!;
}
