import { beforeAll, describe, expect, it } from "vitest";
import { buildDocx, factSheetDocx } from "@/tests/fixtures/import/docx";
import { fixture, outline } from "@/tests/fixtures/import/helpers";
import { AppError } from "@/lib/errors";
import { bodySchema } from "../extensions";
import { validateBody } from "../validate";
import { DOCX_UNREADABLE, importDocx } from "./docx";
import type { ImportResult } from "./result";

const tablesSupported = Object.hasOwn(bodySchema().nodes, "table");

describe("importDocx on the fact-sheet fixture", () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await importDocx(fixture("fact-sheet.docx"));
  });

  it("recognises letterhead, type, date, dateline, reference, Title headline and Subtitle", () => {
    const { body, ...meta } = result.content;
    expect(meta).toEqual({
      headline: "Coastal examples in numbers",
      subtitle: "Key figures from the 2019 survey",
      type: "fact-sheet",
      language: "en",
      releaseDate: "2019-03-03",
      dateline: "Antwerp",
      reference: "FS-2019-03",
    });
    expect(body.type).toBe("doc");
    expect(result.warnings).toEqual(["Letterhead lines were left out: Agency for Coastal Examples / Harbour Road 5, 2000 Antwerp · +32 3 000 00 00"]);
  });

  it("keeps headings, bold, italic, the hyperlink, nested bullets, the numbered list, the table, and links bare addresses", () => {
    const validated = validateBody(result.content.body);
    expect(validated.ok).toBe(true);
    if (validated.ok) expect(validated.doc).toEqual(result.content.body);
    expect(outline(result.content.body)).toEqual([
      "The survey counted **1,204 examples** along _312 kilometres_ of coast. The full data set is on [our open data portal](https://data.example.org/coastal-examples).",
      "## Main findings",
      "- Most examples are found in estuaries",
      "  - especially in the north",
      "- A third are **at risk**",
      "### Method",
      "1. Field counts by volunteers",
      "1. Checks against satellite images",
      ...(tablesSupported ? ["| Region | Examples |", "| North | 702 |", "| South | 502 |"] : ["Region | Examples", "North | 702", "South | 502"]),
      "Questions: [survey@example.org](mailto:survey@example.org) or [www.example.org/survey](https://www.example.org/survey).",
    ]);
  });

  it("matches what build-docx.ts generates (the committed fixture is up to date)", async () => {
    expect(await importDocx(factSheetDocx())).toEqual(result);
  });
});

describe("importDocx: other documents", () => {
  it("refuses links Pressroom cannot keep and reads a document without front matter", async () => {
    const docx = buildDocx([
      { kind: "paragraph", style: "Heading1", runs: ["Only a heading"] },
      { kind: "paragraph", runs: [{ text: "bad link", link: "javascript:alert(1)" }, " and ", { text: "ftp", link: "ftp://example.org/file" }] },
    ]);
    const { content, warnings } = await importDocx(docx);
    expect(content.headline).toBe("Only a heading");
    expect(outline(content.body)).toEqual(["bad link and ftp"]);
    expect(warnings).toEqual([
      "2 links were kept as plain text because Pressroom only links to http, https, mailto and tel addresses: “javascript:alert(1)”, “ftp://example.org/file”.",
    ]);
  });

  it("throws a clear AppError for a damaged document", async () => {
    const damaged = factSheetDocx().subarray(0, 1200);
    await expect(importDocx(damaged)).rejects.toThrow(AppError);
    await expect(importDocx(damaged)).rejects.toThrow(DOCX_UNREADABLE);
  });
});
