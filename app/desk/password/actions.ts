"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/auth";
import { changeOwnPassword } from "@/db/staff/change-own-password";
import { authSecret } from "@/env";
import { mintSignInGrant } from "@/lib/auth/grant";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { ActionResult } from "@/lib/errors";
import { staffFormAction } from "../staff-action";

export type ChangePasswordState = ActionResult | null;

const passwordForm = z
  .strictObject({
    currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH),
    newPassword: z.string().min(1, "Enter a new password.").max(MAX_PASSWORD_LENGTH),
    confirmPassword: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords do not match.",
  });

/**
 * Changes the viewer's own password. That ends every session of theirs, so this one is re-issued for the
 * new session version before going on to the desk.
 */
export const changePasswordAction = staffFormAction(
  passwordForm,
  async (viewer, { currentPassword, newPassword }) => {
    const { sessionVersion } = await changeOwnPassword(viewer, { currentPassword, newPassword });
    if (!(await reissueSession(viewer.id, sessionVersion))) {
      // The password did change; only this session could not be renewed. Signing in again fixes it.
      redirect("/login?callbackUrl=%2Fdesk");
    }
    redirect("/desk");
  },
  { allowPendingPasswordChange: true },
);

async function reissueSession(userId: string, sessionVersion: number): Promise<boolean> {
  const secret = authSecret();
  if (!secret) return false;
  try {
    const target = await signIn("credentials", { grant: mintSignInGrant(secret, userId, sessionVersion), redirect: false });
    return !(typeof target === "string" && /[?&]error=/.test(target));
  } catch (error) {
    console.error("Could not re-issue the session after a password change", error);
    return false;
  }
}
