/** Staff roles, least to most: writers draft, editors review and publish, admins also run the office. */
export const ROLES = ["writer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];
