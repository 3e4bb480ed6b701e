import { describe, expect, it } from "vitest";
import { changeNoticeSchema, MAX_LISTED, mergeChanges, NOTICE_MAX_BYTES, noticePayloads, withdrawalOf } from "./change-notice";

const slugs = (count: number) => Array.from({ length: count }, (_, i) => `a-release-with-a-fairly-long-address-number-${i}`);

describe("change notices", () => {
  it("sends a change that fits as one notice, read back unchanged", () => {
    const change = { slugs: slugs(25), tags: [], withdrawn: [] };
    const payloads = noticePayloads(change);
    expect(payloads).toHaveLength(1);
    expect(changeNoticeSchema.parse(JSON.parse(payloads[0]!))).toEqual(change);
  });

  it("sends { all: true } when the list would not fit, carrying every withdrawal over as many notices as needed", () => {
    const withdrawn = slugs(12).map((slug) => withdrawalOf(slug, new Date("2026-12-02T10:00:00Z"), "ü".repeat(2_000)));
    expect(withdrawn[0]!.reason).toHaveLength(1_001);
    const payloads = noticePayloads({ slugs: slugs(200), tags: [], withdrawn });
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(NOTICE_MAX_BYTES);
    const notices = payloads.map((payload) => changeNoticeSchema.parse(JSON.parse(payload)));
    expect(notices.every((notice) => "all" in notice)).toBe(true);
    expect(notices.flatMap((notice) => notice.withdrawn)).toEqual(withdrawn);
    expect(noticePayloads({ slugs: slugs(200), tags: ["topics"], withdrawn: [] })).toEqual([JSON.stringify({ all: true, withdrawn: [] })]);
  });

  it("merges notices: slugs and tags once each, the latest withdrawal of a slug, and everything over a list", () => {
    const first = withdrawalOf("old", new Date("2026-12-02T10:00:00Z"), "Issued in error.");
    const again = withdrawalOf("old", new Date("2026-12-02T11:00:00Z"), "Withdrawn again.");
    expect(mergeChanges({ slugs: ["a", "b"], tags: [], withdrawn: [first] }, { slugs: ["b", "c"], tags: ["settings"], withdrawn: [again] })).toEqual({
      slugs: ["a", "b", "c"],
      tags: ["settings"],
      withdrawn: [again],
    });
    expect(mergeChanges({ all: true, withdrawn: [] }, { slugs: ["a"], tags: [], withdrawn: [first] })).toEqual({ all: true, withdrawn: [first] });
  });

  it("splits many short withdrawals into notices every instance accepts", () => {
    const withdrawn = Array.from({ length: 400 }, (_, i) => withdrawalOf(`r${i}`, new Date("2026-12-02T10:00:00Z"), ""));
    const payloads = noticePayloads({ slugs: [], tags: [], withdrawn });
    const notices = payloads.map((payload) => changeNoticeSchema.parse(JSON.parse(payload)));
    expect(notices.flatMap((notice) => notice.withdrawn)).toEqual(withdrawn);
  });

  it("merges into { all: true } once the slugs are more than a change may list, so the merged change is still accepted", () => {
    let merged = mergeChanges({ slugs: [], tags: [], withdrawn: [] }, { slugs: slugs(MAX_LISTED), tags: [], withdrawn: [] });
    expect(changeNoticeSchema.safeParse(merged).success).toBe(true);
    expect("all" in merged).toBe(false);
    const withdrawal = withdrawalOf("gone", new Date("2026-12-02T10:00:00Z"), "Issued in error.");
    merged = mergeChanges(merged, { slugs: ["one-more"], tags: [], withdrawn: [withdrawal] });
    expect(merged).toEqual({ all: true, withdrawn: [withdrawal] });
    const many = Array.from({ length: MAX_LISTED + 5 }, (_, i) => withdrawalOf(`w${i}`, new Date("2026-12-02T10:00:00Z"), ""));
    expect(changeNoticeSchema.safeParse(mergeChanges({ all: true, withdrawn: many.slice(0, 600) }, { all: true, withdrawn: many.slice(600) })).success).toBe(true);
  });

  it("refuses malformed notices", () => {
    for (const bad of [{ slugs: ["Not A Slug"] }, { all: false }, { slugs: [], extra: 1 }, { withdrawn: [{ slug: "a", at: "yesterday", reason: "" }] }]) {
      expect(changeNoticeSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
