export const RELEASE_STATUSES = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "embargoed",
  "published",
  "retracted",
  "trashed",
] as const;

export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  scheduled: "Scheduled",
  embargoed: "Embargoed",
  published: "Published",
  retracted: "Retracted",
  trashed: "Trash",
};
