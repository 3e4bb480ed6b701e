import type { Metadata } from "next";
import { publicationDateText } from "@/lib/time/release-date";
import { descriptionFrom } from "./description";
import { newsArticleJsonLd } from "./json-ld";
import { openGraphLocale } from "./locale";
import type { ShareImage } from "./share-image";

/** What search engines and social networks are told about one live release. */
export type ReleaseSeoInput = {
  /** Absolute origin without a trailing slash (env.siteUrl). */
  siteUrl: string;
  organisationName: string;
  /** Absolute URL of the organisation's logo, when it has one. */
  logoUrl?: string | null;
  /** The organisation's time zone: the publication date is written in it. */
  timeZone: string;
  release: {
    slug: string;
    headline: string;
    summary: string;
    subtitle: string | null;
    plainText: string;
    language: string;
    /** The release's own calendar date, if it has one. */
    releaseDate: string | null;
    publishedAt: string;
    updatedAt: string;
    typeName: string | null;
    topicNames: string[];
  };
  /** Live versions in other languages. */
  translations: { slug: string; language: string }[];
  image: ShareImage;
};

export function releaseUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/releases/${slug}`;
}

function description({ release }: ReleaseSeoInput): string {
  return descriptionFrom(release.summary, release.subtitle, release.plainText);
}

/** The same publication date the feeds give: a back-filled release keeps its own date. */
function datePublished({ release, timeZone }: ReleaseSeoInput): string {
  return publicationDateText(release, timeZone);
}

/**
 * hreflang alternates: every language version including this one, so each page of the group lists the
 * same set (search engines ignore alternates that are not returned by the other side). None for a
 * release without translations.
 */
function languageAlternates(input: ReleaseSeoInput): Record<string, string> | undefined {
  if (input.translations.length === 0) return undefined;
  const versions = [{ slug: input.release.slug, language: input.release.language }, ...input.translations];
  const languages: Record<string, string> = {};
  for (const version of versions) languages[version.language] ??= releaseUrl(input.siteUrl, version.slug);
  return languages;
}

export function releaseMetadata(input: ReleaseSeoInput): Metadata {
  const { release, image } = input;
  const url = releaseUrl(input.siteUrl, release.slug);
  const text = description(input);
  const languages = languageAlternates(input);
  const picture = {
    url: image.url,
    alt: image.alt,
    type: image.type,
    ...(image.width ? { width: image.width } : {}),
    ...(image.height ? { height: image.height } : {}),
  };
  return {
    title: release.headline,
    ...(text ? { description: text } : {}),
    alternates: { canonical: url, ...(languages ? { languages } : {}) },
    openGraph: {
      type: "article",
      url,
      title: release.headline,
      ...(text ? { description: text } : {}),
      siteName: input.organisationName,
      locale: openGraphLocale(release.language),
      ...(input.translations.length > 0 ? { alternateLocale: input.translations.map((translation) => openGraphLocale(translation.language)) } : {}),
      publishedTime: datePublished(input),
      modifiedTime: release.updatedAt,
      ...(release.typeName ? { section: release.typeName } : {}),
      ...(release.topicNames.length > 0 ? { tags: release.topicNames } : {}),
      images: [picture],
    },
    twitter: {
      card: "summary_large_image",
      title: release.headline,
      ...(text ? { description: text } : {}),
      images: [{ url: image.url, alt: image.alt }],
    },
  };
}

/** The NewsArticle structured data of the same release (see json-ld.ts). */
export function releaseJsonLd(input: ReleaseSeoInput): Record<string, unknown> {
  const { release } = input;
  return newsArticleJsonLd({
    url: releaseUrl(input.siteUrl, release.slug),
    headline: release.headline,
    description: description(input),
    datePublished: datePublished(input),
    dateModified: release.updatedAt,
    language: release.language,
    image: input.image.url,
    section: release.typeName,
    keywords: release.topicNames,
    publisher: { name: input.organisationName, url: input.siteUrl, ...(input.logoUrl ? { logo: input.logoUrl } : {}) },
  });
}

/**
 * A retracted release's tombstone: kept out of search results, and saying nothing of the retracted
 * text (no summary, no share image).
 */
export function retractedMetadata(headline: string): Metadata {
  return {
    title: `Retracted: ${headline}`,
    description: "This release has been retracted.",
    robots: { index: false, follow: false },
  };
}
