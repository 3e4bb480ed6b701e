// Import benchmark: what reading a press release from Word (.docx), HTML and plain text costs, for
// documents of growing length. Builds the documents in memory (about 500 words a page: a heading,
// paragraphs with bold, italic and links, a bulleted and a numbered list), imports each N times and
// prints a table. Target: a ten-page .docx in under 2 s. Run with `npm run bench:import`.
import mammoth from "mammoth";
import { buildDocx, type DocxBlock, type Run } from "@/tests/fixtures/import/docx";
import { importDocx, importHtml, importPlainText } from "@/lib/content/import";
import { validateBody } from "@/lib/content/validate";

const VOCABULARY = (
  "the mission welcomes report coastal examples delegations discussed follow-up detail agreed next steps council members " +
  "protection survey volunteers archives regional cooperation funding programme assessment independent panel secretariat " +
  "convention ratification states parties implementation national authorities communities data open access publication"
).split(" ");

/** A deterministic pseudo-random word sequence (no Math.random: every run builds the same documents). */
function words(seed: number, count: number): string {
  const out: string[] = [];
  let state = seed * 2654435761;
  for (let i = 0; i < count; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out.push(VOCABULARY[state % VOCABULARY.length]!);
  }
  return out.join(" ");
}

function page(index: number): DocxBlock[] {
  const paragraph = (n: number): Run[] => [
    `${capitalise(words(index * 10 + n, 36))} `,
    { text: words(index * 10 + n + 1, 3), bold: true },
    ` ${words(index * 10 + n + 2, 25)} `,
    { text: words(index * 10 + n + 3, 2), italic: true },
    ` ${words(index * 10 + n + 4, 10)}, see `,
    { text: "the report", link: `https://example.org/report/${index}/${n}` },
    ` or www.example.org/annex/${index}. ${capitalise(words(index * 10 + n + 5, 20))}.`,
  ];
  return [
    { kind: "paragraph", style: "Heading1", runs: [`Section ${index + 1}: ${words(index, 4)}`] },
    { kind: "paragraph", runs: paragraph(1) },
    { kind: "paragraph", runs: paragraph(2) },
    { kind: "paragraph", style: "Heading2", runs: [capitalise(words(index + 100, 5))] },
    ...[1, 2, 3, 4, 5].map((n): DocxBlock => ({ kind: "bullet", level: n === 3 ? 2 : 1, runs: [capitalise(words(index * 7 + n, 9))] })),
    { kind: "paragraph", runs: paragraph(3) },
    ...[1, 2, 3].map((n): DocxBlock => ({ kind: "number", runs: [capitalise(words(index * 5 + n, 8)), " (", { text: "details", link: `https://example.org/step/${n}` }, ")"] })),
    { kind: "paragraph", runs: paragraph(4) },
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function release(pages: number): DocxBlock[] {
  return [
    { kind: "paragraph", runs: [{ text: "Permanent Mission of Exampleland", bold: true }] },
    { kind: "paragraph", runs: ["Rue de l’Exemple 7, 1202 Geneva · +41 22 000 00 00"] },
    { kind: "paragraph", runs: [{ text: "PRESS RELEASE", bold: true }] },
    { kind: "paragraph", runs: ["Geneva, 3 March 2019"] },
    { kind: "paragraph", runs: ["No. 2019/12"] },
    { kind: "paragraph", style: "Title", runs: ["Exampleland welcomes the coastal examples report"] },
    ...Array.from({ length: pages }, (_, index) => page(index)).flat(),
  ];
}

function countWords(doc: DocxBlock[]): number {
  const text = doc
    .flatMap((block) => ("runs" in block ? block.runs.map((run) => (typeof run === "string" ? run : run.text)) : []))
    .join(" ");
  return text.split(/\s+/).filter(Boolean).length;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    "mean ms": (samples.reduce((sum, value) => sum + value, 0) / samples.length).toFixed(1),
    "median ms": at(0.5).toFixed(1),
    "p95 ms": at(0.95).toFixed(1),
    "max ms": sorted[sorted.length - 1]!.toFixed(1),
  };
}

async function time(iterations: number, body: () => unknown): Promise<number[]> {
  for (let i = 0; i < Math.min(3, iterations); i += 1) await body();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = process.hrtime.bigint();
    await body();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

async function main() {
  const rows: Record<string, string | number>[] = [];
  const budgetMs = 2000;
  let slowest = 0;
  for (const { name, pages, iterations } of [
    { name: "one page", pages: 1, iterations: 30 },
    { name: "ten pages", pages: 10, iterations: 20 },
    { name: "fifty pages", pages: 50, iterations: 5 },
  ]) {
    const blocks = release(pages);
    const docx = buildDocx(blocks);
    const { value: html } = await mammoth.convertToHtml({ buffer: docx });
    const result = await importDocx(docx);
    if (!validateBody(result.content.body).ok || result.content.headline === "") throw new Error(`${name}: the import is not valid`);
    const text = (await mammoth.extractRawText({ buffer: docx })).value;

    const docxSamples = await time(iterations, () => importDocx(docx));
    slowest = Math.max(slowest, pages === 10 ? Number(stats(docxSamples)["p95 ms"]) : 0);
    rows.push({ document: `${name} .docx`, KB: (docx.length / 1024).toFixed(1), words: countWords(blocks), runs: iterations, ...stats(docxSamples) });
    rows.push({ document: `${name} .html`, KB: (Buffer.byteLength(html) / 1024).toFixed(1), words: countWords(blocks), runs: iterations, ...stats(await time(iterations, () => importHtml(html))) });
    rows.push({ document: `${name} .txt`, KB: (Buffer.byteLength(text) / 1024).toFixed(1), words: countWords(blocks), runs: iterations, ...stats(await time(iterations, () => importPlainText(text))) });
  }
  console.log(`Document import on ${process.version}, ${process.arch}`);
  console.table(rows);
  console.log(`Ten-page .docx p95: ${slowest.toFixed(0)} ms (target under ${budgetMs} ms): ${slowest < budgetMs ? "OK" : "TOO SLOW"}`);
  if (slowest >= budgetMs) process.exitCode = 1;
}

void main();
