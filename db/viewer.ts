import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { authSecret, STAFF_DISABLED_MESSAGE } from "@/env";
import { AppError } from "@/lib/errors";
import { findActiveUserForSession } from "./auth/session-user";
import type { Viewer } from "./access";

export { assertCan, type Viewer } from "./access";

/** The signed-in person as the database has them now, or null (signed out, deactivated, session revoked). */
export async function currentViewer(): Promise<Viewer | null> {
  if (!authSecret()) return null;
  const session = await auth();
  if (!session?.staffId) return null;
  const user = await findActiveUserForSession(session.staffId);
  if (!user || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
}

/** For mutations: throws unless signed in, active and past the one-time password. */
export async function requireViewer(options: { allowPendingPasswordChange?: boolean } = {}): Promise<Viewer> {
  if (!authSecret()) throw new AppError("unavailable", STAFF_DISABLED_MESSAGE);
  const viewer = await currentViewer();
  if (!viewer) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  if (viewer.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("forbidden", "Choose a new password before doing anything else.");
  }
  return viewer;
}

/** For staff pages: sends the visitor to sign in, or to choose a password, instead of throwing. */
export async function requireStaffPage(path: string, options: { allowPendingPasswordChange?: boolean } = {}) {
  const viewer = await currentViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  if (viewer.mustChangePassword && !options.allowPendingPasswordChange) redirect("/desk/password");
  return viewer;
}
