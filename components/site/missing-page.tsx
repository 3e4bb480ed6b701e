import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { markNotFound, RENDER_ID_HEADER } from "@/lib/http/not-found";
import { NotFoundNotice } from "./not-found-notice";

/** The metadata of a public page that has nothing at its address. */
export const MISSING_PAGE_METADATA: Metadata = { title: "Page not found", robots: { index: false, follow: true } };

/**
 * What a public page renders when there is nothing at its address (an unknown release, topic, year or
 * month): the not-found notice in the site's frame, answered with 404 by the production server, which
 * names each render it passes on. Anywhere else (no such render, e.g. `next dev`) Next's own notFound().
 */
export async function MissingPage() {
  const renderId = (await headers()).get(RENDER_ID_HEADER);
  if (!renderId) notFound();
  markNotFound(renderId);
  return <NotFoundNotice />;
}
