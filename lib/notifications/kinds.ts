/** The workflow events staff are notified of, in the desk and by email. */
export const NOTIFICATION_KINDS = ["review_requested", "changes_requested", "approved", "published"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
