import type { Metadata } from "next";
import { connection } from "next/server";
import { ChangePasswordForm } from "@/components/staff/change-password-form";
import { Notice } from "@/components/ui/notice";
import { requireStaffPage } from "@/db/viewer";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  await connection();
  const viewer = await requireStaffPage("/desk/password", { allowPendingPasswordChange: true });

  return (
    <main id="main" className="mx-auto max-w-md px-4 py-8">
      <h1 className="mb-2 text-2xl font-semibold">Change your password</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Signed in as {viewer.email}. Your other sessions end when you change it.
      </p>
      {viewer.mustChangePassword && (
        <div className="mb-6">
          <Notice tone="info" testId="password-required">
            Choose a new password to continue. The one you were given works only until you do.
          </Notice>
        </div>
      )}
      <ChangePasswordForm minLength={MIN_PASSWORD_LENGTH} />
    </main>
  );
}
