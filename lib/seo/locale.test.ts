import { describe, expect, it } from "vitest";
import { newsSitemapLanguage, openGraphLocale } from "./locale";

describe("openGraphLocale", () => {
  it("writes language_TERRITORY", () => {
    expect(openGraphLocale("en-GB")).toBe("en_GB");
    expect(openGraphLocale("fr")).toBe("fr");
    expect(openGraphLocale("pt-BR")).toBe("pt_BR");
  });
});

describe("newsSitemapLanguage", () => {
  it("gives the ISO 639 code, and Chinese with its script", () => {
    expect(newsSitemapLanguage("en-GB")).toBe("en");
    expect(newsSitemapLanguage("de")).toBe("de");
    expect(newsSitemapLanguage("zh")).toBe("zh-cn");
    expect(newsSitemapLanguage("zh-TW")).toBe("zh-tw");
    expect(newsSitemapLanguage("zh-HK")).toBe("zh-tw");
  });
});
