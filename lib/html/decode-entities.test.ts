import { describe, expect, it } from "vitest";
import { decodeAttribute, decodeEntities } from "./decode-entities";

describe("decodeEntities", () => {
  it("decodes named, numeric and Windows-1252 references", () => {
    expect(decodeEntities("&amp;&lt;&gt;&quot;&apos;&nbsp;&eacute;&mdash;&hellip;&euro;&rarr;&ccedil;")).toBe("&<>\"'\u00a0é—…€→ç");
    expect(decodeEntities("&#233;&#xE9;&#150;&#x93;")).toBe("éé–“");
  });

  it("turns impossible code points into U+FFFD, never into NUL or a lone surrogate", () => {
    expect(decodeEntities("&#0;&#xD800;&#x110000;&#99999999;")).toBe("\uFFFD".repeat(4));
  });

  it("accepts the legacy names without a semicolon, as browsers do, and leaves unknown ones", () => {
    expect(decodeEntities("&amp &nbsp &eacute &bogus; AT&T &notit;")).toBe("& \u00a0 é &bogus; AT&T ¬it;");
  });
});

describe("decodeAttribute", () => {
  it("keeps a legacy name that runs into a query string, as browsers do in attributes", () => {
    expect(decodeAttribute("https://example.org/?a=1&copy=2&amp;b=3&lt;")).toBe("https://example.org/?a=1&copy=2&b=3<");
    expect(decodeEntities("?a=1&copy=2")).toBe("?a=1©=2");
  });
});
