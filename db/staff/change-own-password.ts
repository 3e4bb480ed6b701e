import "server-only";
import { parseInput } from "@/lib/actions/parse-input";
import { and, eq } from "drizzle-orm";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append";
import { db } from "../client";
import { users } from "../schema";
import type { Viewer } from "../access";
import { updateUserAtVersion } from "./apply-staff-change";
import { ownPasswordInput } from "./inputs";

export type ChangeOwnPasswordInput = { currentPassword: string; newPassword: string };

/**
 * Changes the viewer's own password (any role, also while a one-time password is pending). Ends every
 * session of theirs, this one included: the caller re-issues this session with the returned sessionVersion.
 */
export async function changeOwnPassword(viewer: Viewer, input: ChangeOwnPasswordInput): Promise<{ sessionVersion: number }> {
  const { currentPassword, newPassword } = parseInput(ownPasswordInput, input);
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    throw invalidField("newPassword", `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const database = await db();
  const [user] = await database
    .select()
    .from(users)
    .where(and(eq(users.id, viewer.id), eq(users.active, true)))
    .limit(1);
  if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw invalidField("currentPassword", "Your current password is not correct.");
  }
  if (newPassword === currentPassword) {
    throw invalidField("newPassword", "Choose a password different from your current one.");
  }
  if (newPassword.toLowerCase().includes(user.email.toLowerCase())) {
    throw invalidField("newPassword", "Your password must not contain your email address.");
  }
  const passwordHash = await hashPassword(newPassword);
  return database.transaction(async (tx) => {
    const updated = await updateUserAtVersion(tx, user.id, user.version, {
      set: { passwordHash, mustChangePassword: false },
      revokeSessions: true,
    });
    await appendAudit(tx, { action: "password_changed", actorId: user.id, actorEmail: user.email, subjectUserId: user.id });
    return { sessionVersion: updated.sessionVersion };
  });
}

function invalidField(field: keyof ChangeOwnPasswordInput, message: string) {
  return new AppError("invalid", message, { fieldErrors: { [field]: [message] } });
}
