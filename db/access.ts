import { can, type Permission } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import type { Role } from "./schema";

/** The signed-in person as the database has them now (db/viewer.ts reads it per request). */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
};

/** Throws a forbidden error that names the missing permission. Free of Next imports, so CLIs can use it. */
export function assertCan(viewer: Viewer, permission: Permission): void {
  if (!can(viewer.role, permission)) {
    throw new AppError("forbidden", `Your role (${viewer.role}) does not allow this (${permission}).`, { permission });
  }
}
