import { append, type Inline, type TextRun } from "./blocks";

const COLLAPSE = /[ \t\n\r\f\u00a0]{2,}|[\t\n\r\f]/g;
const EDGE_START = /^[\s\u00a0]+/;
const EDGE_END = /[\s\u00a0]+$/;

function sameStyle(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.href === b.href;
}

/**
 * HTML whitespace rules for one block: runs of spaces, tabs and line ends become one space (a lone
 * no-break space is kept), across formatting boundaries too; nothing at the start, the end, or around
 * a line break; no empty runs; neighbouring runs with the same formatting merged; at most two line
 * breaks in a row.
 */
export function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let afterSpace = true; // At the start of the block, or after a break: leading spaces go.
  for (const inline of inlines) {
    if (inline.kind === "break") {
      const last = out[out.length - 1];
      if (last?.kind === "text") {
        last.text = last.text.replace(EDGE_END, "");
        if (last.text === "") out.pop();
      }
      const breaks = out.length >= 2 && out[out.length - 1]?.kind === "break" && out[out.length - 2]?.kind === "break";
      if (!breaks) out.push({ kind: "break" });
      afterSpace = true;
      continue;
    }
    let text = inline.text.replace(COLLAPSE, " ");
    if (afterSpace) text = text.replace(EDGE_START, "");
    if (text === "") continue;
    afterSpace = /[\s\u00a0]$/.test(text);
    const last = out[out.length - 1];
    if (last?.kind === "text" && sameStyle(last, inline)) last.text += text;
    else out.push({ ...inline, text });
  }
  // Trailing spaces and breaks, then leading breaks.
  for (;;) {
    const last = out[out.length - 1];
    if (!last) break;
    if (last.kind === "break") {
      out.pop();
      continue;
    }
    last.text = last.text.replace(EDGE_END, "");
    if (last.text === "") {
      out.pop();
      continue;
    }
    break;
  }
  while (out[0]?.kind === "break") out.shift();
  return out;
}

/** The text of inline content; a line break becomes "\n". */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === "break" ? "\n" : inline.text)).join("");
}

export function joinLines(lines: readonly Inline[][]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) out.push({ kind: "break" });
    append(out, line);
  });
  return out;
}

/** Inline content without its first `count` characters (a bullet, a dateline). */
export function dropStart(inlines: readonly Inline[], count: number): Inline[] {
  let remaining = count;
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (remaining > 0 && inline.kind === "text") {
      if (inline.text.length <= remaining) {
        remaining -= inline.text.length;
        continue;
      }
      out.push({ ...inline, text: inline.text.slice(remaining) });
      remaining = 0;
      continue;
    }
    if (remaining > 0 && inline.kind === "break") remaining -= 1;
    else out.push({ ...inline });
  }
  return normalizeInlines(out);
}

/** True when every character of the text is in bold (or italic). */
export function allStyled(inlines: readonly Inline[], key: "bold" | "italic"): boolean {
  const runs = inlines.filter((inline): inline is TextRun => inline.kind === "text" && inline.text.trim() !== "");
  return runs.length > 0 && runs.every((inline) => inline[key]);
}
