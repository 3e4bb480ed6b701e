import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/html/escape";
import { MARK_START, MARK_STOP, markedToHtml } from "./snippet";

describe("markedToHtml", () => {
  it("escapes all text and turns only the marks into <mark>", () => {
    const marked = `<script>alert("x")</script> & the ${MARK_START}zeppelins${MARK_STOP} at <img src=x onerror='y'>`;
    expect(markedToHtml(marked)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the <mark>zeppelins</mark> at &lt;img src=x onerror=&#39;y&#39;&gt;",
    );
  });

  it("always balances marks", () => {
    expect(markedToHtml(`${MARK_START}open`)).toBe("<mark>open</mark>");
    expect(markedToHtml(`stray${MARK_STOP} close`)).toBe("stray close");
    expect(markedToHtml(`${MARK_START}${MARK_START}a${MARK_STOP}${MARK_STOP}`)).toBe("<mark>a</mark>");
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});
