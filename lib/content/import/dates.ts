/**
 * Date lines of press releases: "Geneva, 3 March 2019", "3 March 2019", "March 3, 2019",
 * "Tuesday, 3 March 2019", "03.03.2019", "2019-03-03", "Genève, le 3 mars 2019", "Berlin, den 3. März 2019".
 * English, French, German and Spanish month and weekday names. A place before the date becomes the
 * dateline; any other words before it (an embargo, a sentence) mean the line is not a date line.
 */

const MONTHS: Readonly<Record<string, number>> = {
  // English
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
  // French
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9,
  octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  // German
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, juni: 6, juli: 7, oktober: 10, dezember: 12,
  // Spanish
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9,
  octubre: 10, noviembre: 11, diciembre: 12,
};

const WEEKDAYS = [
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
  "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
  "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
];

const byLength = (a: string, b: string) => b.length - a.length;
const MONTH = `(${Object.keys(MONTHS).sort(byLength).join("|")})\\.?`;
const WEEKDAY = `(?:${WEEKDAYS.sort(byLength).join("|")})\\.?`;
const NOT_LETTER = "(?<![\\p{L}\\p{N}])";

/** Each pattern matches a date at the end of the line; groups give day, month, year. */
const PATTERNS: readonly { pattern: RegExp; parts: (match: RegExpExecArray) => [number, number, number] | null }[] = [
  {
    // 3 March 2019, 3rd of March 2019, 3. März 2019, 3 de marzo de 2019, 1er mars 2019
    pattern: new RegExp(`${NOT_LETTER}(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s+(?:of\\s+|de\\s+)?${MONTH},?\\s+(?:de\\s+|del\\s+)?(\\d{4})$`, "iu"),
    parts: (m) => [Number(m[1]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[3])],
  },
  {
    // March 3, 2019; Mar. 3 2019
    pattern: new RegExp(`${NOT_LETTER}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, "iu"),
    parts: (m) => [Number(m[2]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[3])],
  },
  {
    // 03.03.2019
    pattern: new RegExp(`${NOT_LETTER}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})$`, "u"),
    parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  {
    // 2019-03-03
    pattern: new RegExp(`${NOT_LETTER}(\\d{4})-(\\d{2})-(\\d{2})$`, "u"),
    parts: (m) => [Number(m[3]), Number(m[2]), Number(m[1])],
  },
  {
    // 3/3/2019 or 25/3/2019 (day first) or 3/25/2019 (month first): only when it cannot be misread.
    pattern: new RegExp(`${NOT_LETTER}(\\d{1,2})/(\\d{1,2})/(\\d{4})$`, "u"),
    parts: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a === b || a > 12) return [a, b, Number(m[3])];
      if (b > 12) return [b, a, Number(m[3])];
      return null;
    },
  },
];

const TRAILING_WEEKDAY = new RegExp(`(?:^|[\\s,])${WEEKDAY}$`, "iu");
/** Words between a place and the date: "Genève, le 3 mars", "Berlin, den 3. März", "Madrid, a 3 de marzo". */
const TRAILING_FILLER = /(?:^|\s)(?:le|den|am|on|a|el)$/iu;
const LABEL = /^(?:date|dated|issued|issued on|released|published|datum|fecha)$/iu;
const PLACE = /^\p{Lu}[\p{L}\p{M}'’.\- /]*$/u;
/** Small words inside place names: "Frankfurt am Main", "Rio de Janeiro", "Stratford upon Avon". */
const PLACE_CONNECTORS = new Set(["de", "del", "der", "des", "di", "da", "du", "la", "le", "les", "am", "an", "im", "upon", "on", "sur", "of", "the", "y", "e", "en", "aan", "op"]);
const NOT_A_PLACE = /\b(?:embargo\w*|until|before|after|release|released|updated|issued|published|from|as of|meeting|press|statement)\b/iu;

export type DateLine = { date: string; place: string | null };

/** An ISO date (YYYY-MM-DD) for a real calendar day between 1950 and 2100, or null. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!(year >= 1950 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Strips separators, weekdays and filler words from the end of what comes before the date. */
function cleanPrefix(prefix: string): string {
  let text = prefix;
  for (let i = 0; i < 3; i += 1) {
    text = text.replace(/[\s,;:(–—\-|/]+$/u, "");
    text = text.replace(TRAILING_WEEKDAY, "").replace(TRAILING_FILLER, "");
  }
  return text.replace(/[\s,;:(–—\-|/]+$/u, "").trim();
}

/** A whole line that is a date, optionally after a place ("Geneva, 3 March 2019"); null otherwise. */
export function parseDateLine(line: string): DateLine | null {
  const text = line.trim().replace(/[\s.:;,–—\-)]+$/u, "");
  if (text.length > 120) return null;
  for (const { pattern, parts } of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const numbers = parts(match);
    const date = numbers ? isoDate(numbers[0], numbers[1], numbers[2]) : null;
    if (!date) return null;
    const prefix = cleanPrefix(text.slice(0, match.index));
    if (prefix === "" || LABEL.test(prefix)) return { date, place: null };
    const words = prefix.split(/\s+/);
    if (words.length > 5 || prefix.length > 60 || !PLACE.test(prefix) || NOT_A_PLACE.test(prefix)) return null;
    // Every word of a place name is capitalised, apart from the small connecting words.
    if (!words.every((word) => /^\p{Lu}/u.test(word) || PLACE_CONNECTORS.has(word.toLowerCase()))) return null;
    return { date, place: prefix };
  }
  return null;
}

/**
 * A dateline at the start of a paragraph, news-agency style: "GENEVA, 3 March 2019 – The Ministry…" or
 * "Geneva (3 March 2019) – …". Returns the date line and where the paragraph's own text starts.
 */
export function parseLeadingDateline(paragraph: string): (DateLine & { rest: number }) | null {
  const head = paragraph.slice(0, 140);
  const separator = /\)?\s*[–—:]\s+|\)?\s+-{1,2}\s+|\)\s+/gu;
  let match: RegExpExecArray | null;
  while ((match = separator.exec(head))) {
    const before = head.slice(0, match.index).replace(/\s*\(\s*/u, ", ");
    const parsed = parseDateLine(before);
    if (parsed) return { ...parsed, rest: match.index + match[0].length };
  }
  return null;
}
