/** What an uploaded file is to a release: an image in the body, or a document in the related list. */
export const MEDIA_KINDS = ["image", "document"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];
