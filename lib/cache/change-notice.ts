import { z } from "zod";
import { slugSchema } from "@/lib/slug";

/** pg_notify refuses payloads of 8,000 bytes or more; a notice stays well below. */
export const NOTICE_MAX_BYTES = 7_000;
/** A withdrawal's reason as the notice carries it (the tombstone page reads the whole one from the database). */
export const NOTICE_REASON_CHARS = 1_000;

/** A release that left the public site: its address answers 410 with this date and reason. */
export const withdrawalSchema = z.strictObject({
  slug: slugSchema,
  at: z.iso.datetime(),
  reason: z.string().max(NOTICE_REASON_CHARS + 1),
});
export type Withdrawal = z.infer<typeof withdrawalSchema>;

/**
 * The most slugs or withdrawals one change lists. A notice (NOTICE_MAX_BYTES) holds far fewer; merged
 * changes (a scheduler run, notices heard close together) list more slugs only as `{ all: true }`.
 */
export const MAX_LISTED = 1_000;

const withdrawnList = z.array(withdrawalSchema).max(MAX_LISTED).default([]);

/** What changed: releases by slug, cache tags that are not about one release, and what was withdrawn. */
export const publicChangeSchema = z.strictObject({
  slugs: z.array(slugSchema).max(MAX_LISTED).default([]),
  tags: z.array(z.enum(["settings", "topics"])).max(10).default([]),
  withdrawn: withdrawnList,
});
export type PublicChange = z.infer<typeof publicChangeSchema>;

/** Everything may have changed (a notice too large to list it, a listener that reconnected). */
export const everythingChangedSchema = z.strictObject({ all: z.literal(true), withdrawn: withdrawnList });
export type EverythingChanged = z.infer<typeof everythingChangedSchema>;

export const changeNoticeSchema = z.union([everythingChangedSchema, publicChangeSchema]);
export type ChangeNotice = PublicChange | EverythingChanged;
export type ChangeNoticeInput = z.input<typeof changeNoticeSchema>;

/** The withdrawal a notice carries for a release retracted at `at`, its reason cut to the notice's length. */
export function withdrawalOf(slug: string, at: Date, reason: string): Withdrawal {
  const cut = reason.length > NOTICE_REASON_CHARS ? `${reason.slice(0, NOTICE_REASON_CHARS)}…` : reason;
  return { slug, at: at.toISOString(), reason: cut };
}

const unique = <T>(values: T[]) => [...new Set(values)];

/**
 * One notice saying what both say: a transaction's or a batch's changes, or notices heard close
 * together; `{ all: true }` once the slugs would be more than a change may list (a change the
 * internal route or the schema refused would expire nothing). Withdrawals are kept, each address must
 * answer 410; only past MAX_LISTED of them, a burst no press office makes, do the first heard go.
 */
export function mergeChanges(a: ChangeNotice, b: ChangeNotice): ChangeNotice {
  const withdrawn = [...new Map([...a.withdrawn, ...b.withdrawn].map((one) => [one.slug, one])).values()].slice(-MAX_LISTED);
  if ("all" in a || "all" in b) return { all: true, withdrawn };
  const slugs = unique([...a.slugs, ...b.slugs]);
  if (slugs.length > MAX_LISTED) return { all: true, withdrawn };
  return { slugs, tags: unique([...a.tags, ...b.tags]), withdrawn };
}

export function isEmptyChange(change: ChangeNotice): boolean {
  return !("all" in change) && change.slugs.length === 0 && change.tags.length === 0 && change.withdrawn.length === 0;
}

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/**
 * The pg_notify payloads for one change: itself when it fits in NOTICE_MAX_BYTES, otherwise
 * `{ all: true }` — with the withdrawals spread over as many notices as they need, because every
 * instance must still learn which addresses answer 410.
 */
export function noticePayloads(change: ChangeNotice): string[] {
  const whole = JSON.stringify(change);
  if (bytes(whole) <= NOTICE_MAX_BYTES) return [whole];
  const payloads: string[] = [];
  let chunk: Withdrawal[] = [];
  for (const withdrawal of change.withdrawn) {
    if (chunk.length > 0 && bytes(JSON.stringify({ all: true, withdrawn: [...chunk, withdrawal] })) > NOTICE_MAX_BYTES) {
      payloads.push(JSON.stringify({ all: true, withdrawn: chunk }));
      chunk = [];
    }
    chunk.push(withdrawal);
  }
  payloads.push(JSON.stringify({ all: true, withdrawn: chunk }));
  return payloads;
}
