import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape";

describe("escapeHtml", () => {
  it("escapes every character that can open markup or end an attribute", () => {
    expect(escapeHtml(`R&D <b>x</b> "q" 'a'`)).toBe("R&amp;D &lt;b&gt;x&lt;/b&gt; &quot;q&quot; &#39;a&#39;");
  });
  it("leaves other text alone", () => {
    expect(escapeHtml("café 中文 عربي 🎉")).toBe("café 中文 عربي 🎉");
  });
});
