/**
 * schema.org NewsArticle for a release, as Google's article structured data describes it. Plain data;
 * `jsonLdScript` turns it into the text of a <script type="application/ld+json">.
 */
export type NewsArticleInput = {
  url: string;
  headline: string;
  description: string;
  datePublished: string;
  dateModified: string;
  language: string;
  image: string | null;
  section: string | null;
  keywords: string[];
  publisher: { name: string; url: string; logo?: string | null };
};

export function newsArticleJsonLd(input: NewsArticleInput): Record<string, unknown> {
  const organisation = {
    "@type": "Organization",
    name: input.publisher.name,
    url: input.publisher.url,
    ...(input.publisher.logo ? { logo: { "@type": "ImageObject", url: input.publisher.logo } } : {}),
  };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": input.url },
    url: input.url,
    headline: input.headline,
    ...(input.description ? { description: input.description } : {}),
    datePublished: input.datePublished,
    dateModified: input.dateModified,
    inLanguage: input.language,
    ...(input.image ? { image: [input.image] } : {}),
    ...(input.section ? { articleSection: input.section } : {}),
    ...(input.keywords.length > 0 ? { keywords: input.keywords.join(", ") } : {}),
    // A press release is the organisation's own statement: it is both author and publisher.
    author: organisation,
    publisher: organisation,
  };
}

const UNSAFE_IN_SCRIPT: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * JSON for inside a <script> element. The HTML parser ends a script at the first "</script", whatever
 * the JSON means, so `<` (and `>`, `&`, and the two line separators JavaScript once rejected) are
 * written as \u escapes: the same JSON value, with no character that can end or confuse the element.
 */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (character) => UNSAFE_IN_SCRIPT[character] ?? character);
}
