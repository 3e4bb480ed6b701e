import type { ReleaseView } from "@/lib/content/release-view";
import { MEDIA_KEY_PATTERN } from "@/lib/media/files";

const KEY = MEDIA_KEY_PATTERN.source.slice(1, -1);
const MEDIA_ATTRIBUTE = new RegExp(`\\b(src|href)="/media/(${KEY})"`, "g");
const MEDIA_HREF = new RegExp(`^/media/(${KEY})$`);

/**
 * The shared revision's own files are not public until the embargo lifts, so their addresses carry the
 * share token, which /media/<key> accepts for exactly the files of that revision. `token` has already
 * been checked (base64url) by openShareLink; it is encoded anyway.
 */
export function withShareToken(view: ReleaseView, token: string): ReleaseView {
  const suffix = `?share=${encodeURIComponent(token)}`;
  const rewriteHtml = (html: string) => html.replace(MEDIA_ATTRIBUTE, (_match, attribute: string, key: string) => `${attribute}="/media/${key}${suffix}"`);
  return {
    ...view,
    html: rewriteHtml(view.html),
    notesToEditorsHtml: view.notesToEditorsHtml === null ? null : rewriteHtml(view.notesToEditorsHtml),
    relatedDocuments: view.relatedDocuments.map((document) => (MEDIA_HREF.test(document.href) ? { ...document, href: `${document.href}${suffix}` } : document)),
  };
}
