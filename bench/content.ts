// Content pipeline benchmark: what a save (validate + hash) and a publish (render HTML + plain text)
// cost for releases of growing length. Prints a table; run with `npm run bench:content`.
import type { JSONContent } from "@tiptap/core";
import { contentHash } from "@/lib/content/hash";
import { bodyToPlainText, renderBodyHtml } from "@/lib/content/render";
import { validateBody } from "@/lib/content/validate";

function release(paragraphs: number): JSONContent {
  const content: JSONContent[] = [];
  for (let i = 0; i < paragraphs; i += 1) {
    if (i % 8 === 0) content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: `Section ${i / 8 + 1}` }] });
    if (i % 5 === 4) {
      content.push({
        type: "bulletList",
        content: ["Argentina", "Brazil", "Canada", "Denmark", "Egypt"].map((name) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: `${name}, delegation ${i}` }] }],
        })),
      });
      continue;
    }
    content.push({
      type: "paragraph",
      content: [
        { type: "text", text: "The Mission " },
        { type: "text", marks: [{ type: "bold" }], text: "welcomes" },
        { type: "text", text: " the report published today, which is available at " },
        { type: "text", marks: [{ type: "link", attrs: { href: `https://example.org/report/${i}` } }], text: "the report's page" },
        { type: "text", text: ". ".concat("Delegations discussed the follow-up in detail and agreed on next steps. ".repeat(4)) },
      ],
    });
  }
  return { type: "doc", content };
}

function time(iterations: number, body: () => void) {
  for (let i = 0; i < Math.min(5, iterations); i += 1) body();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) body();
  return Number(process.hrtime.bigint() - started) / 1e6 / iterations;
}

const rows = [
  { name: "one page", paragraphs: 8 },
  { name: "ten pages", paragraphs: 120 },
  { name: "fifty pages", paragraphs: 600 },
].map(({ name, paragraphs }) => {
  const doc = release(paragraphs);
  const bytes = Buffer.byteLength(JSON.stringify(doc));
  const iterations = paragraphs > 200 ? 20 : 100;
  const validated = validateBody(doc);
  if (!validated.ok) throw new Error(validated.error);
  return {
    release: name,
    "JSON KB": (bytes / 1024).toFixed(1),
    "validate ms": time(iterations, () => validateBody(doc)).toFixed(2),
    "hash ms": time(iterations, () => contentHash({ headline: "x", body: validated.doc })).toFixed(2),
    "render HTML ms": time(iterations, () => renderBodyHtml(validated.doc)).toFixed(2),
    "plain text ms": time(iterations, () => bodyToPlainText(validated.doc)).toFixed(2),
  };
});

console.log(`Content pipeline on ${process.version}, ${process.arch}`);
console.table(rows);
