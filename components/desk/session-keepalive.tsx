"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const REFRESH_EVERY_MS = 4 * 60_000;

/**
 * Keeps the session alive while the person is actually working (the idle limit), by touching Auth.js's
 * session endpoint at most every few minutes after keyboard or pointer activity.
 */
export function SessionKeepalive() {
  const router = useRouter();
  useEffect(() => {
    let lastRefresh = Date.now();
    let active = false;
    const markActive = () => {
      active = true;
    };
    const timer = window.setInterval(async () => {
      if (!active || Date.now() - lastRefresh < REFRESH_EVERY_MS) return;
      active = false;
      lastRefresh = Date.now();
      const response = await fetch("/api/auth/session", { cache: "no-store" }).catch(() => null);
      const session = response?.ok ? ((await response.json()) as { staffId?: string } | null) : undefined;
      if (session === null || (session && !session.staffId)) router.replace("/login");
    }, 30_000);
    window.addEventListener("keydown", markActive);
    window.addEventListener("pointerdown", markActive);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("keydown", markActive);
      window.removeEventListener("pointerdown", markActive);
    };
  }, [router]);
  return null;
}
