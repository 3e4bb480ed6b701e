import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

/**
 * SHA-256 (hex) of the canonical JSON of `fields` (keys sorted at every depth, undefined dropped), so
 * the same content always gives the same hash whatever the key order. Server-side only (node:crypto).
 */
export function contentHash(fields: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(fields), "utf8").digest("hex");
}
