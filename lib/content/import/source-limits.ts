import { MAX_BODY_BYTES } from "../validate";

/**
 * Text read from a source at most: a body's JSON is at least as long as its text, so anything after
 * the first MAX_BODY_BYTES characters could never be kept; reading twice that bounds the work.
 */
export const MAX_SOURCE_TEXT = MAX_BODY_BYTES * 2;
/**
 * Paragraphs, line breaks and pieces of formatted text read from a source at most: each takes at
 * least 20 bytes of the body's JSON, so a body holds fewer than 50,000; reading three times that bounds
 * the work (and the memory) a hostile document can cost.
 */
export const MAX_SOURCE_UNITS = 150_000;
