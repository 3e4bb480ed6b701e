import type { Role } from "@/lib/access/roles";

/** What a writer may do: write, submit and comment on their own releases. */
const WRITER = [
  "release:create",
  "release:edit-own",
  "release:submit",
  "release:comment",
  "release:trash",
  "presence:announce",
  "media:upload",
] as const;
/** What an editor may do besides: edit anyone's release, review it, and take it public and back. */
const EDITOR_ALSO = [
  "release:edit-any",
  "release:review",
  "release:approve",
  "release:request-changes",
  "release:schedule",
  "release:publish",
  "release:retract",
  "release:share",
] as const;
/** What an admin may do besides: run the newsroom. */
const ADMIN_ALSO = ["staff:manage", "settings:manage", "audit:read", "jobs:manage"] as const;

/** Everything a signed-in person can be allowed to do. One table below says who may. */
export const PERMISSIONS = [...WRITER, ...EDITOR_ALSO, ...ADMIN_ALSO] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  writer: new Set(WRITER),
  editor: new Set([...WRITER, ...EDITOR_ALSO]),
  admin: new Set(PERMISSIONS),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The roles that hold a permission (e.g. who reviews: everyone with release:approve). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => can(role, permission));
}
