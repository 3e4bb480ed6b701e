import { MAX_HEADLINE_LENGTH } from "../headline-length";
import type { Block, Inline } from "./blocks";
import { allStyled, dropStart, inlineText, joinLines, normalizeInlines } from "./inlines";
import { listMarker } from "./lists";
import { type DateLine, parseDateLine, parseLeadingDateline } from "./dates";

/**
 * The top of a press release, before its text: the letterhead (organisation, address, phone), the
 * type line ("PRESS RELEASE"), the date line ("Geneva, 3 March 2019"), a reference ("No. 2019/12"),
 * notes such as "For immediate release", then the headline (and in formatted documents an italic or
 * "Subtitle"-styled subtitle). What is recognised becomes release metadata and leaves the body.
 */

export type FrontMatter = {
  headline: string;
  type?: string;
  language?: string;
  releaseDate?: string;
  dateline?: string;
  reference?: string;
  subtitle?: string;
};

type TypePhrase = { pattern: string; slug: string; language: string | null };

// Longest phrases first within a type; a bare "Communiqué" is also English, so it sets no language.
const TYPE_PHRASES: readonly TypePhrase[] = [
  { pattern: "(?:press|news|media) release", slug: "press-release", language: "en" },
  { pattern: "communiqu[ée] de presse", slug: "press-release", language: "fr" },
  { pattern: "communiqu[ée]", slug: "press-release", language: null },
  { pattern: "pressemitteilung|presseinformation|pressemeldung", slug: "press-release", language: "de" },
  { pattern: "comunicado de prensa|nota de prensa", slug: "press-release", language: "es" },
  { pattern: "(?:press )?statement", slug: "statement", language: "en" },
  { pattern: "d[ée]claration", slug: "statement", language: "fr" },
  { pattern: "erkl[äa]rung|stellungnahme", slug: "statement", language: "de" },
  { pattern: "declaraci[óo]n", slug: "statement", language: "es" },
  { pattern: "(?:media|press) advisory|media alert|note to (?:the )?media", slug: "media-advisory", language: "en" },
  { pattern: "(?:avis|note) aux m[ée]dias", slug: "media-advisory", language: "fr" },
  { pattern: "medienhinweis|medieneinladung|presseeinladung", slug: "media-advisory", language: "de" },
  { pattern: "aviso a (?:los )?medios", slug: "media-advisory", language: "es" },
  { pattern: "(?:open )?letter", slug: "letter", language: "en" },
  { pattern: "lettre(?: ouverte)?", slug: "letter", language: "fr" },
  { pattern: "offener brief", slug: "letter", language: "de" },
  { pattern: "carta(?: abierta)?", slug: "letter", language: "es" },
  { pattern: "speech", slug: "speech", language: "en" },
  { pattern: "discours", slug: "speech", language: "fr" },
  { pattern: "rede", slug: "speech", language: "de" },
  { pattern: "discurso", slug: "speech", language: "es" },
  { pattern: "fact ?sheet", slug: "fact-sheet", language: "en" },
  { pattern: "fiche d['’]information", slug: "fact-sheet", language: "fr" },
  { pattern: "faktenblatt", slug: "fact-sheet", language: "de" },
  { pattern: "(?:hoja|ficha) informativa", slug: "fact-sheet", language: "es" },
];

const TYPE_PATTERNS = TYPE_PHRASES.map((phrase) => ({ ...phrase, regex: new RegExp(`^(?:joint\\s+|conjoint\\s+|gemeinsame\\s+)?(?:${phrase.pattern})(?![\\p{L}])`, "iu") }));

/** A headline that names its own type: "Statement by the Minister on…", "Remarks by…". */
const TYPED_HEADLINE: readonly { regex: RegExp; slug: string }[] = [
  { regex: /^(?:joint\s+)?statement\s+(?:by|of|from|on)\b/i, slug: "statement" },
  { regex: /^(?:speech|remarks|address)\s+(?:by|of)\b/i, slug: "speech" },
  { regex: /^(?:open\s+)?letter\s+(?:by|from|to)\b/i, slug: "letter" },
];

const REF_LABEL =
  /^(?:(?:our|your)\s+)?(?:reference|référence|referencia|ref|réf|aktenzeichen|az)(?![\p{L}])\.?(?:\s*(?:no|nr|n°|nº|number)(?![\p{L}])\.?)?\s*[:#]?\s*/iu;
const NUMBER_LABEL = /^(?:number|numéro|número|no|nr|n°|nº|№)(?![\p{L}])\.?\s*[:#]?\s*/iu;
const CODE = /^[\p{L}\p{N}][\p{L}\p{N}/._\-–]*$/u;
const MAX_REFERENCE_LENGTH = 60;
/** Lines read at the top of a document: the front matter is always within the first few. */
const MAX_LINES = 40;
const MAX_DATELINE_LENGTH = 120;
const MAX_SUBTITLE_LENGTH = 500;

const IMMEDIATE = /^(?:for\s+)?immediate\s+release$|^pour\s+(?:diffusion|publication)\s+imm[ée]diate$|^zur\s+sofortigen\s+ver[öo]ffentlichung$|^para\s+(?:difusi[óo]n|publicaci[óo]n)\s+inmediata$/iu;
const EMBARGO = /^(?:strictly\s+)?(?:under\s+)?embargo|^embargoed\b|^sperrfrist\b|^not\s+for\s+(?:publication|release|broadcast)\b/iu;
const DELIVERY = /^check\s+against\s+delivery$|^seul\s+le\s+(?:texte\s+)?prononc[ée]\s+fait\s+foi$|^es\s+gilt\s+das\s+gesprochene\s+wort$|^s[óo]lo\s+vale\s+el\s+texto\s+pronunciado$/iu;

const LETTERHEAD_SIGNS =
  /\b(?:tel|tél|phone|telephone|fax|e-?mail|p\.?\s?o\.?\s?box|street|avenue|road|rue|strasse|straße|chemin|platz|calle|case postale)\b|www\.|https?:|@|\+\d|\b\d{4,5}\b/iu;

/** The end of a sentence ("…today.", "…coast!"), not of an abbreviation ("Ltd.", "St."). */
const SENTENCE_END = /(?:\p{L}{5,}|\p{N})[.!?]["”’»]?$|[!?]$/u;

type Marker =
  | { kind: "type"; slug: string; language: string | null; reference?: string; date?: DateLine }
  | { kind: "date"; date: DateLine }
  | { kind: "reference"; value: string }
  | { kind: "note"; note: "immediate" | "embargo" | "delivery" };

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A reference line's value ("No. 2019/12" → "2019/12", "Ref: PR/2019/12" → "PR/2019/12"), or null. */
export function parseReference(line: string): string | null {
  const text = clean(line).replace(/[.;,]$/, "");
  const ref = REF_LABEL.exec(text);
  if (ref) {
    const value = text.slice(ref[0].length).trim();
    if (value && /\d/.test(value) && value.length <= MAX_REFERENCE_LENGTH && value.split(" ").length <= 3) return value;
    return null;
  }
  const number = NUMBER_LABEL.exec(text);
  if (number) {
    const value = text.slice(number[0].length).trim();
    if (CODE.test(value) && /\d/.test(value) && value.length <= MAX_REFERENCE_LENGTH) return value;
  }
  return null;
}

function classify(text: string): Marker | null {
  const line = clean(text);
  if (line === "" || line.length > 160) return null;
  const bare = line.replace(/[.:;]+$/, "").trim();
  if (IMMEDIATE.test(bare)) return { kind: "note", note: "immediate" };
  if (EMBARGO.test(bare)) return { kind: "note", note: "embargo" };
  if (DELIVERY.test(bare)) return { kind: "note", note: "delivery" };

  for (const phrase of TYPE_PATTERNS) {
    const match = phrase.regex.exec(bare);
    if (!match) continue;
    const rest = bare.slice(match[0].length).replace(/^[\s:;,.|/–—-]+/u, "").trim();
    const marker: Marker = { kind: "type", slug: phrase.slug, language: phrase.language };
    if (rest === "" || IMMEDIATE.test(rest)) return marker;
    const reference = parseReference(rest) ?? (CODE.test(rest) && /\d/.test(rest) && rest.length <= MAX_REFERENCE_LENGTH ? rest : null);
    if (reference) return { ...marker, reference };
    const date = parseDateLine(rest);
    if (date) return { ...marker, date };
    return null; // "Statement by the Minister on…" is a headline, not a type line.
  }

  const date = parseDateLine(bare);
  if (date) return { kind: "date", date };
  const reference = parseReference(bare);
  if (reference) return { kind: "reference", value: reference };
  return null;
}

type Line = { block: number; index: number; text: string; inlines: Inline[]; heading: boolean; level: number; subtitle: boolean };

function quote(text: string, max = 80): string {
  return `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
}

/**
 * Recognises the front matter at the top of `blocks` (already tidied). Returns the metadata, the
 * blocks without the recognised lines, and warnings for what was left out. `formatted` is true for
 * HTML and Word documents, whose headings and italics are hints.
 */
export function recogniseFrontMatter(
  blocks: readonly Block[],
  options: { formatted: boolean },
): { meta: FrontMatter; blocks: Block[]; warnings: string[]; setAside: string[] } {
  const warnings: string[] = [];
  const meta: FrontMatter = { headline: "" };

  // The leading paragraphs and headings, one entry per line (a heading is one line). Only the first
  // MAX_LINES lines are looked at; the rest of a long block is kept as it is (`rest`).
  const blockLines = new Map<number, { parts: Inline[][]; rest: Inline[] }>();
  const lines: Line[] = [];
  for (let b = 0; b < blocks.length && lines.length < MAX_LINES; b += 1) {
    const block = blocks[b]!;
    if (block.kind !== "paragraph" && block.kind !== "heading") break;
    const split = block.kind === "heading" ? { parts: [block.inlines], rest: [] } : firstLines(block.inlines, MAX_LINES - lines.length);
    blockLines.set(b, split);
    split.parts.forEach((inlines, index) => {
      const text = clean(inlineText(inlines));
      if (text === "") return;
      lines.push({
        block: b,
        index,
        text,
        inlines,
        heading: block.kind === "heading",
        level: block.kind === "heading" ? block.level : 0,
        subtitle: block.kind === "paragraph" && (block.subtitle === true || (options.formatted && allStyled(inlines, "italic"))),
      });
    });
  }

  const consumed = new Set<Line>();
  const replaced = new Map<Line, Inline[]>();
  const notes: string[] = [];
  /** Recognised lines that become no field: the letterhead, "For immediate release", an embargo line. */
  const setAside: string[] = [];

  const apply = (line: Line, marker: Marker) => {
    consumed.add(line);
    const setDate = (date: DateLine) => {
      meta.releaseDate ??= date.date;
      if (date.place && date.place.length <= MAX_DATELINE_LENGTH) meta.dateline ??= date.place;
    };
    switch (marker.kind) {
      case "type":
        meta.type ??= marker.slug;
        if (marker.language) meta.language ??= marker.language;
        if (marker.reference) meta.reference ??= marker.reference;
        if (marker.date) setDate(marker.date);
        break;
      case "date":
        setDate(marker.date);
        break;
      case "reference":
        meta.reference ??= marker.value;
        break;
      case "note":
        setAside.push(line.text);
        if (marker.note === "embargo") warnings.push(`The embargo line ${quote(line.text)} was left out; set the embargo when you schedule the release.`);
        else notes.push(line.text);
        break;
    }
  };
  const consumeMarkers = (from: number): number => {
    let cursor = from;
    for (;;) {
      const line = lines[cursor];
      const marker = line ? classify(line.text) : null;
      if (!line || !marker) return cursor;
      apply(line, marker);
      cursor += 1;
    }
  };

  // 1. The first marker line near the top, and the letterhead lines before it.
  let first = -1;
  for (let i = 0; i < Math.min(lines.length, 12); i += 1) {
    if (classify(lines[i]!.text)) {
      first = i;
      break;
    }
  }
  let headlineIndex: number | null = null;
  let letterhead: Line[] = [];
  if (first > 0) {
    const before = lines.slice(0, first);
    const marker = classify(lines[first]!.text)!;
    // Letterhead lines are short and are not sentences; and something (the headline) must follow the markers.
    const fits =
      before.length <= 10 &&
      before.every((line) => line.text.length <= 150 && !SENTENCE_END.test(line.text)) &&
      lines.slice(first + 1).some((line) => !classify(line.text));
    if (marker.kind === "type" || (marker.kind === "note" && marker.note === "immediate")) {
      if (fits) letterhead = before;
      else first = -1;
    } else if (before.length === 1 && !LETTERHEAD_SIGNS.test(before[0]!.text)) {
      headlineIndex = 0; // "Headline", then "Geneva, 3 March 2019".
    } else if (fits) {
      const heading = options.formatted ? before.findIndex((line) => line.heading) : -1;
      if (heading >= 0) {
        letterhead = before.slice(0, heading);
        headlineIndex = heading;
      } else {
        letterhead = before;
      }
    } else {
      first = -1;
    }
  }
  for (const line of letterhead) {
    consumed.add(line);
    setAside.push(line.text);
  }
  if (letterhead.length > 0) warnings.push(`Letterhead lines were left out: ${letterhead.map((line) => line.text).join(" / ")}`);

  // 2. The type, date and reference lines; 3. the headline; then any of them again, and a subtitle.
  let cursor = consumeMarkers(Math.max(first, 0));
  const substantial = (line: Line | undefined): line is Line =>
    line !== undefined && !consumed.has(line) && /\p{L}.*\p{L}/u.test(line.text) && line.text.length <= MAX_HEADLINE_LENGTH && !listMarker(line.text);
  if (headlineIndex === null) {
    const next = lines[cursor];
    if (options.formatted && next?.heading) headlineIndex = cursor;
    else if (options.formatted) {
      for (let i = cursor; i < Math.min(lines.length, cursor + 4); i += 1) {
        if (lines[i]!.heading && lines[i]!.level === 1) {
          headlineIndex = i;
          break;
        }
      }
    }
    if (headlineIndex === null && substantial(next)) headlineIndex = cursor;
  }
  const headlineLine = headlineIndex === null ? undefined : lines[headlineIndex];
  if (headlineLine && headlineLine.text.length <= MAX_HEADLINE_LENGTH * 2) {
    consumed.add(headlineLine);
    meta.headline = headlineLine.text.length <= MAX_HEADLINE_LENGTH ? headlineLine.text : cut(headlineLine.text, MAX_HEADLINE_LENGTH);
    if (headlineLine.text.length > MAX_HEADLINE_LENGTH) warnings.push(`The headline was shortened to ${MAX_HEADLINE_LENGTH} characters; check it.`);
    cursor = Math.max(cursor, headlineIndex! + 1);
    cursor = consumeMarkers(cursor);
    const next = lines[cursor];
    if (options.formatted && next && next.subtitle && !next.heading && next.text.length <= MAX_SUBTITLE_LENGTH && !consumed.has(next)) {
      consumed.add(next);
      meta.subtitle = next.text;
      cursor = consumeMarkers(cursor + 1);
    }
    if (!meta.type) meta.type = TYPED_HEADLINE.find(({ regex }) => regex.test(meta.headline))?.slug;
  } else {
    warnings.push("No headline was recognised; write one before you create the draft.");
  }

  // 4. A news-agency dateline opening the first paragraph: "GENEVA, 3 March 2019 – The Ministry…".
  if (!meta.releaseDate) {
    const opening = lines.slice(cursor).find((line) => !consumed.has(line) && !line.heading);
    const leading = opening ? parseLeadingDateline(opening.text) : null;
    if (opening && leading && inlineText(opening.inlines) === opening.text) {
      meta.releaseDate = leading.date;
      if (leading.place && leading.place.length <= MAX_DATELINE_LENGTH) meta.dateline = leading.place;
      replaced.set(opening, dropStart(opening.inlines, leading.rest));
    }
  }

  if (notes.length > 0) warnings.push(`${notes.map((note) => quote(note)).join(", ")} ${notes.length === 1 ? "was" : "were"} left out.`);
  if (meta.type === undefined) delete meta.type;

  // The blocks without what was recognised; blocks with nothing recognised are kept as they were.
  const changed = new Map<number, Map<number, Inline[] | null>>();
  for (const line of lines) {
    const change = consumed.has(line) ? null : replaced.get(line);
    if (change === undefined) continue;
    if (!changed.has(line.block)) changed.set(line.block, new Map());
    changed.get(line.block)!.set(line.index, change);
  }
  const out: Block[] = [];
  blocks.forEach((block, b) => {
    const changes = changed.get(b);
    const split = blockLines.get(b);
    if (!changes || !split || (block.kind !== "paragraph" && block.kind !== "heading")) {
      out.push(block);
      return;
    }
    const kept = split.parts
      .map((inlines, index) => (changes.has(index) ? changes.get(index)! : inlines))
      .filter((inlines): inlines is Inline[] => inlines !== null);
    if (split.rest.length > 0) kept.push(split.rest);
    const inlines = normalizeInlines(joinLines(kept));
    if (inlines.length === 0) return;
    out.push({ ...block, inlines });
  });
  return { meta, blocks: out, warnings, setAside };
}

/** The first `max` lines of inline content, and everything after them as one piece (breaks included). */
function firstLines(inlines: readonly Inline[], max: number): { parts: Inline[][]; rest: Inline[] } {
  const parts: Inline[][] = [[]];
  for (let i = 0; i < inlines.length; i += 1) {
    const inline = inlines[i]!;
    if (inline.kind !== "break") {
      parts[parts.length - 1]!.push(inline);
      continue;
    }
    if (parts.length >= max) return { parts, rest: inlines.slice(i + 1) };
    parts.push([]);
  }
  return { parts, rest: [] };
}

function cut(text: string, max: number): string {
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(" ");
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:.\-–—]+$/u, "")}…`;
}
