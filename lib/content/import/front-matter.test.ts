import { describe, expect, it } from "vitest";
import { outline } from "@/tests/fixtures/import/helpers";
import { parseDateLine, parseLeadingDateline } from "./dates";
import { parseReference } from "./front-matter";
import { importHtml } from "./html";
import { importPlainText } from "./text";

describe("parseDateLine", () => {
  it.each([
    ["Geneva, 3 March 2019", "2019-03-03", "Geneva"],
    ["3 March 2019", "2019-03-03", null],
    ["March 3, 2019", "2019-03-03", null],
    ["Mar. 3 2019", "2019-03-03", null],
    ["03.03.2019", "2019-03-03", null],
    ["2019-03-03", "2019-03-03", null],
    ["25/12/2019", "2019-12-25", null],
    ["12/25/2019", "2019-12-25", null],
    ["Monday, 4 March 2019", "2019-03-04", null],
    ["New York, Monday, March 4, 2019.", "2019-03-04", "New York"],
    ["Geneva (3 March 2019)", "2019-03-03", "Geneva"],
    ["Date: 3 March 2019", "2019-03-03", null],
    ["Berlin, den 3. März 2019", "2019-03-03", "Berlin"],
    ["Madrid, 3 de marzo de 2019", "2019-03-03", "Madrid"],
    ["Genève, le 1er mars 2019", "2019-03-01", "Genève"],
  ])("%s", (line, date, place) => {
    expect(parseDateLine(line)).toEqual({ date, place });
  });

  it.each([
    "31 February 2019",
    "03/04/2019",
    "3 March 1850",
    "The meeting takes place on 3 March 2019",
    "Embargoed until 3 March 2019",
    "Geneva",
    "Updated 3 March 2019",
    "In 2019",
  ])("refuses %s", (line) => {
    expect(parseDateLine(line)).toBeNull();
  });

  it("finds a dateline opening a paragraph", () => {
    const text = "GENEVA, 3 March 2019 – The Ministry today…";
    const leading = parseLeadingDateline(text);
    expect(leading).toEqual({ date: "2019-03-03", place: "GENEVA", rest: text.indexOf("The") });
    expect(parseLeadingDateline("Geneva (3 March 2019) - The Ministry")).toMatchObject({ date: "2019-03-03", place: "Geneva" });
    expect(parseLeadingDateline("The Ministry said on 3 March 2019 – nothing.")).toBeNull();
  });
});

describe("parseReference", () => {
  it.each([
    ["No. 2019/12", "2019/12"],
    ["No 2019/12", "2019/12"],
    ["Ref: PR/2019/12", "PR/2019/12"],
    ["Ref. FS-2019-03", "FS-2019-03"],
    ["Reference: AB 12", "AB 12"],
    ["Our ref. 12/34", "12/34"],
    ["N° 45-2019", "45-2019"],
  ])("%s → %s", (line, value) => {
    expect(parseReference(line)).toBe(value);
  });

  it.each(["Number 10 Downing Street", "Reform 2019 package", "No, we will not", "Ref: none", "Nr. one"])("refuses %s", (line) => {
    expect(parseReference(line)).toBeNull();
  });
});

describe("front matter", () => {
  it("does not take a headline that starts with a type word for a type line, but reads its type", () => {
    const { content } = importPlainText("Statement by the Minister on the coastal convention\n\nText.");
    expect(content).toMatchObject({ headline: "Statement by the Minister on the coastal convention", type: "statement" });
    expect(outline(content.body)).toEqual(["Text."]);
  });

  it("leaves notes such as “For immediate release” and embargo lines out, with warnings", () => {
    const { content, warnings } = importPlainText("FOR IMMEDIATE RELEASE\nEmbargoed until 4 March 2019, 10:00 CET\n\nHeadline\n\nText.");
    expect(content.headline).toBe("Headline");
    expect(content.releaseDate).toBeUndefined();
    expect(warnings).toEqual([
      "The embargo line “Embargoed until 4 March 2019, 10:00 CET” was left out; set the embargo when you schedule the release.",
      "“FOR IMMEDIATE RELEASE” was left out.",
    ]);
  });

  it("reads a type line with a date after it, and the language of a French type line", () => {
    const { content } = importPlainText("Communiqué de presse – Genève, le 3 mars 2019\n\nTitre du communiqué\n\nTexte.");
    expect(content).toMatchObject({ type: "press-release", language: "fr", releaseDate: "2019-03-03", dateline: "Genève", headline: "Titre du communiqué" });
  });

  it("treats a letterhead in a Word layout table and lines broken with <br> as letterhead lines", () => {
    const { content, warnings } = importHtml(
      "<table><tr><td><p>Ministry of Examples</p></td><td><p>Street 1<br>1200 Geneva<br>Tel. +41 22 000 00 00</p></td></tr></table>" +
        "<p>PRESS RELEASE<br>No. 5</p><h2>The headline</h2><p>Body.</p>",
    );
    expect(content).toMatchObject({ type: "press-release", reference: "5", headline: "The headline" });
    expect(warnings).toEqual(["Letterhead lines were left out: Ministry of Examples / Street 1 / 1200 Geneva / Tel. +41 22 000 00 00"]);
    expect(outline(content.body)).toEqual(["Body."]);
  });

  it("keeps everything in the body when nothing at the top is front matter", () => {
    const { content, warnings } = importPlainText("A simple headline\n\nFirst paragraph.\n\nGeneva, 3 March 2019");
    expect(content.headline).toBe("A simple headline");
    expect(content.releaseDate).toBeUndefined();
    expect(outline(content.body)).toEqual(["First paragraph.", "Geneva, 3 March 2019"]);
    expect(warnings).toEqual([]);
  });
});
