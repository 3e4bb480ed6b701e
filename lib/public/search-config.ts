/**
 * Which Postgres text-search configuration reads a release in a given language, so that French
 * releases are stemmed as French ("ministres" finds "ministre") and English ones as English. Keys are
 * primary language subtags (the part before "-" in "pt-BR"); every value exists in PostgreSQL 15.
 * Anything not listed is read with "simple" (lower-cased words, no stemming, no stop words).
 */
export const SEARCH_CONFIGS: Readonly<Record<string, string>> = {
  ar: "arabic",
  hy: "armenian",
  eu: "basque",
  ca: "catalan",
  da: "danish",
  nl: "dutch",
  en: "english",
  fi: "finnish",
  fr: "french",
  de: "german",
  el: "greek",
  hi: "hindi",
  hu: "hungarian",
  id: "indonesian",
  ga: "irish",
  it: "italian",
  lt: "lithuanian",
  ne: "nepali",
  no: "norwegian",
  nb: "norwegian",
  nn: "norwegian",
  pt: "portuguese",
  ro: "romanian",
  ru: "russian",
  sr: "serbian",
  es: "spanish",
  sv: "swedish",
  ta: "tamil",
  tr: "turkish",
  yi: "yiddish",
};

export const FALLBACK_SEARCH_CONFIG = "simple";

/** The configuration for a language code ("fr", "pt-BR", "EN"); "simple" for anything unknown. */
export function searchConfigFor(language: string): string {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return Object.hasOwn(SEARCH_CONFIGS, primary) ? SEARCH_CONFIGS[primary]! : FALLBACK_SEARCH_CONFIG;
}

/** Every configuration a release can be indexed with, "simple" included, each once. */
export function allSearchConfigs(): string[] {
  return [...new Set([...Object.values(SEARCH_CONFIGS), FALLBACK_SEARCH_CONFIG])];
}

/**
 * The same mapping as a SQL CASE over a language column, for the generated columns of publications.
 * Each branch is a regconfig constant (a generated column may only use immutable expressions, and a
 * text-to-regconfig cast of a computed value is not). Only names from the table above are emitted.
 */
export function searchConfigCaseSql(column: string): string {
  const primary = `split_part(replace(lower(${column}), '_', '-'), '-', 1)`;
  const branches = Object.entries(SEARCH_CONFIGS)
    .map(([code, config]) => `when '${code}' then '${config}'::regconfig`)
    .join(" ");
  return `(case ${primary} ${branches} else '${FALLBACK_SEARCH_CONFIG}'::regconfig end)`;
}
