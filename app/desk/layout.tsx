import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SessionKeepalive } from "@/components/desk/session-keepalive";
import { currentViewer } from "@/db/viewer";
import { can } from "@/lib/access/permissions";
import { signOutAction } from "./actions";


export default async function DeskLayout({ children }: { children: ReactNode }) {
  await connection();
  // Pages check the viewer again themselves: a layout does not re-run on client-side navigation.
  const viewer = await currentViewer();
  if (!viewer) redirect("/login");

  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-900">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/desk" className="font-semibold tracking-tight">
            Pressroom <span className="font-normal text-slate-500">desk</span>
          </Link>
          {!viewer.mustChangePassword && (
            <nav aria-label="Desk" className="flex items-center gap-4 text-sm text-slate-700 dark:text-slate-300">
              <Link href="/desk" className="hover:underline">
                Releases
              </Link>
              {can(viewer.role, "staff:manage") && (
                <Link href="/desk/staff" className="hover:underline">
                  Staff
                </Link>
              )}
              {can(viewer.role, "audit:read") && (
                <Link href="/desk/audit" className="hover:underline">
                  Audit trail
                </Link>
              )}
              {can(viewer.role, "jobs:manage") && (
                <Link href="/desk/jobs" className="hover:underline">
                  Jobs
                </Link>
              )}
              {can(viewer.role, "settings:manage") && (
                <Link href="/desk/settings" className="hover:underline">
                  Settings
                </Link>
              )}
              <Link href="/desk/password" className="hover:underline">
                Password
              </Link>
              <Link href="/" className="hover:underline">
                Public site
              </Link>
            </nav>
          )}
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600 dark:text-slate-400">
              {viewer.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{viewer.role}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <SessionKeepalive />
      {children}
    </div>
  );
}
