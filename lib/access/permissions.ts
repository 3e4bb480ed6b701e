import type { Role } from "@/lib/access/roles";

/** Everything a signed-in person can be allowed to do. One table below says who may. */
export const PERMISSIONS = [
  "release:create",
  "release:edit-own",
  "release:edit-any",
  "release:submit",
  "release:comment",
  "release:review",
  "release:approve",
  "release:request-changes",
  "release:schedule",
  "release:publish",
  "release:retract",
  "release:trash",
  "release:share",
  "presence:announce",
  "media:upload",
  "staff:manage",
  "settings:manage",
  "audit:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const WRITER: Permission[] = [
  "release:create",
  "release:edit-own",
  "release:submit",
  "release:comment",
  "release:trash",
  "presence:announce",
  "media:upload",
];
const EDITOR: Permission[] = [
  ...WRITER,
  "release:edit-any",
  "release:review",
  "release:approve",
  "release:request-changes",
  "release:schedule",
  "release:publish",
  "release:retract",
  "release:share",
];
const ADMIN: Permission[] = [...EDITOR, "staff:manage", "settings:manage", "audit:read"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  writer: new Set(WRITER),
  editor: new Set(EDITOR),
  admin: new Set(ADMIN),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The roles that hold a permission (e.g. who reviews: everyone with release:approve). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => can(role, permission));
}
