import { describe, expect, it } from "vitest";
import { isStaffPath } from "@/lib/security/headers";
import { isPublicHtml, isScriptPreload, ScriptStripper, stripScripts, withoutScriptLinks } from "./public-html.mjs";

const JSON_LD = `<script type="application/ld+json">{"@context":"https://schema.org","headline":"a </b> & \\u003c/script>"}</script>`;

/** Next's page head and tail, shortened: runtime scripts, a preload, the RSC payload pushes. */
const NEXT_PAGE = [
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>`,
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>`,
  `<script src="/_next/static/chunks/c.js" async=""></script>`,
  `<title>Budget &amp; plans</title></head><body><main id="main">`,
  JSON_LD,
  `<article><h1>Budget</h1><p>Text with a <a href="/x?a=1&amp;b=2">link</a>.</p></article></main>`,
  `<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});</script>`,
  `<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>`,
  `<script>(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script>self.__next_f.push([1,"d:[\\"$\\",\\"main\\",null,{\\"children\\":\\"<p>Budget</p>\\"}]\\n"])</script>`,
  `</body></html>`,
].join("");

const EXPECTED = [
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>`,
  `<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>`,
  `<title>Budget &amp; plans</title></head><body><main id="main">`,
  JSON_LD,
  `<article><h1>Budget</h1><p>Text with a <a href="/x?a=1&amp;b=2">link</a>.</p></article></main>`,
  `</body></html>`,
].join("");

/** Feeds the document to one stripper in pieces of `size` characters, as a response would arrive. */
function streamed(html: string, size: number) {
  const stripper = new ScriptStripper();
  let out = "";
  for (let i = 0; i < html.length; i += size) out += stripper.write(html.slice(i, i + size));
  return out + stripper.end();
}

describe("ScriptStripper", () => {
  it("removes Next's scripts and script preloads and keeps everything else byte for byte", () => {
    expect(stripScripts(NEXT_PAGE)).toBe(EXPECTED);
  });

  it("gives the same result whatever the chunk boundaries, down to one character at a time", () => {
    for (const size of [1, 2, 3, 5, 7, 16, 64, 333]) expect(streamed(NEXT_PAGE, size), `chunks of ${size}`).toBe(EXPECTED);
  });

  it("splits at every position of a script and its end tag", () => {
    const html = `<p>a</p><script src="/x.js">var a = "</p>";</script ><p>b</p>`;
    for (let cut = 0; cut <= html.length; cut += 1) {
      const stripper = new ScriptStripper();
      const out = stripper.write(html.slice(0, cut)) + stripper.write(html.slice(cut)) + stripper.end();
      expect(out, `cut at ${cut}`).toBe("<p>a</p><p>b</p>");
    }
  });

  it("keeps JSON-LD byte-identical, whatever the type attribute's case, quoting or references", () => {
    const kept = [
      JSON_LD,
      `<SCRIPT TYPE="Application/LD+JSON">{"a":1}</SCRIPT>`,
      `<script type='application/ld+json' id=x>{"a":2}</script>`,
      `<script type=" application/ld&#43;json ">{"a":3}</script>`,
    ];
    for (const script of kept) expect(streamed(`<p>x</p>${script}<p>y</p>`, 4)).toBe(`<p>x</p>${script}<p>y</p>`);
  });

  it("removes scripts of every other kind, in upper case too", () => {
    const removed = [
      `<SCRIPT SRC="/a.js"></SCRIPT>`,
      `<Script>alert(1)</sCrIpT>`,
      `<script type="module">import "/a.js"</script>`,
      `<script type="text/javascript">a()</script>`,
      `<script type="importmap">{"imports":{}}</script>`,
      `<script src="/a.js" />after-self-closing</script>`,
      `<script>var s = "<script>"; var t = "<!-- -->";</script>`,
    ];
    for (const script of removed) expect(streamed(`<p>x</p>${script}<p>y</p>`, 3), script).toBe("<p>x</p><p>y</p>");
  });

  it("reads attributes containing '>' as attributes", () => {
    expect(stripScripts(`<div title="a>b"><script data-x="1>2" src='/a.js?x=>'>x()</script></div>`)).toBe(`<div title="a>b"></div>`);
    expect(stripScripts(`<script type="a>b">x()</script><script data-note=">" type="application/ld+json">{}</script>`)).toBe(
      `<script data-note=">" type="application/ld+json">{}</script>`,
    );
    expect(streamed(`<link title=">" rel="modulepreload" href="/m.js"><p>ok</p>`, 2)).toBe("<p>ok</p>");
  });

  it("leaves <noscript> content alone and removes scripts inside it", () => {
    expect(stripScripts(`<noscript><p>Read on without JavaScript.</p><img src="/a.png"></noscript>`)).toBe(
      `<noscript><p>Read on without JavaScript.</p><img src="/a.png"></noscript>`,
    );
    expect(stripScripts(`<noscript><script>a()</script><p>b</p></noscript>`)).toBe(`<noscript><p>b</p></noscript>`);
  });

  it("leaves comments, and scripts written inside them, unchanged", () => {
    const html = `<p>a</p><!-- <script src="/old.js"></script> --><!--$--><p>b</p><!--/$-->`;
    expect(streamed(html, 1)).toBe(html);
    expect(stripScripts(`<p>a</p><!-- x --><script>y()</script><!-- z -->`)).toBe(`<p>a</p><!-- x --><!-- z -->`);
  });

  it("does not mistake text, other raw-text elements or similar names for scripts", () => {
    const html = `<style>a > b { content: "<script>" }</style><textarea><script>x</script></textarea><scripts>keep</scripts><p>1 < 2 &lt;script&gt;</p>`;
    expect(streamed(html, 5)).toBe(html);
  });

  it("removes only script preloads among links", () => {
    const links = [
      `<link rel="preload" as="style" href="/a.css">`,
      `<link rel="stylesheet" href="/a.css">`,
      `<link rel="alternate" type="application/rss+xml" href="/feed.xml">`,
      `<link rel="preload" as="image" href="/a.png">`,
    ];
    for (const link of links) expect(stripScripts(link)).toBe(link);
    for (const link of [`<link rel="preload" as="script" href="/a.js">`, `<LINK REL="Preload" AS="SCRIPT" href="/a.js"/>`, `<link rel="modulepreload" href="/m.js">`, `<link rel="prefetch" as="script" href="/b.js">`]) {
      expect(stripScripts(`${link}<p>x</p>`), link).toBe("<p>x</p>");
    }
  });

  it("streams: what comes before a script goes out before the script has ended", () => {
    const stripper = new ScriptStripper();
    expect(stripper.write("<p>before</p><scr")).toBe("<p>before</p>");
    expect(stripper.write(`ipt src="/a.js">long(`)).toBe("");
    expect(stripper.write(")</script><p>after</p>")).toBe("<p>after</p>");
    expect(stripper.end()).toBe("");
  });

  it("drops a script cut off by the end of the document", () => {
    expect(stripScripts("<p>a</p><script>never closed")).toBe("<p>a</p>");
    expect(stripScripts(`<p>a</p><script src="/a`)).toBe("<p>a</p>");
  });
});

describe("script preloads in attributes and headers", () => {
  it("recognises script preloads", () => {
    expect(isScriptPreload({ rel: "preload", as: "script" })).toBe(true);
    expect(isScriptPreload({ rel: "modulepreload" })).toBe(true);
    expect(isScriptPreload({ rel: "preload", as: "style" })).toBe(false);
    expect(isScriptPreload({ rel: "icon" })).toBe(false);
  });

  it("removes script entries from a Link header and keeps the rest", () => {
    expect(withoutScriptLinks(`</_next/static/a.css>; rel=preload; as="style"`)).toBe(`</_next/static/a.css>; rel=preload; as="style"`);
    expect(
      withoutScriptLinks(`</a.css>; rel=preload; as="style", </b.js>; rel=preload; as="script"; fetchpriority="low", </c,d.js>; rel=modulepreload, </e.woff2>; rel=preload; as=font; crossorigin=""`),
    ).toBe(`</a.css>; rel=preload; as="style", </e.woff2>; rel=preload; as=font; crossorigin=""`);
    expect(withoutScriptLinks([`</b.js>; rel="preload"; as=script`, `</c.js>; rel=modulepreload`])).toBeNull();
    expect(withoutScriptLinks(undefined)).toBeNull();
  });
});

describe("isPublicHtml", () => {
  it("is HTML outside the staff paths, which agree with the CSP's", () => {
    expect(isPublicHtml("/", "text/html; charset=utf-8")).toBe(true);
    expect(isPublicHtml("/releases/a?x=1", "TEXT/HTML")).toBe(true);
    expect(isPublicHtml("/feed.xml", "application/rss+xml")).toBe(false);
    for (const path of ["/desk", "/desk/releases/1", "/login", "/login?callbackUrl=%2Fdesk", "/share/abc"]) {
      expect(isPublicHtml(path, "text/html"), path).toBe(false);
      expect(isStaffPath(path.split("?")[0]!), path).toBe(true);
    }
    for (const path of ["/", "/deskless", "/releases/login", "/shares"]) {
      expect(isPublicHtml(path, "text/html"), path).toBe(true);
      expect(isStaffPath(path), path).toBe(false);
    }
  });
});
