import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { currentViewer } from "@/db/viewer";
import { authSecret, STAFF_DISABLED_MESSAGE } from "@/env";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  await connection();
  const { callbackUrl } = await searchParams;
  const target = safeRedirectPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl);
  const staffEnabled = authSecret() !== null;
  if (staffEnabled && (await currentViewer())) redirect(target);

  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-slate-50 px-4 dark:bg-slate-900">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-700 dark:bg-slate-950">
        <p className="text-xs font-semibold uppercase tracking-widest text-slate-500">Pressroom</p>
        <h1 className="mt-2 text-2xl font-semibold">Sign in to the desk</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600 dark:text-slate-400">For press office staff.</p>
        {staffEnabled ? <SignInForm callbackUrl={target} /> : <Notice tone="error">{STAFF_DISABLED_MESSAGE}</Notice>}
      </div>
    </main>
  );
}
