import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getPublicSettings } from "@/db/public/settings";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getPublicSettings();
  return {
    title: { default: `Newsroom · ${settings.organisationName}`, template: `%s · ${settings.organisationName}` },
    alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: `${settings.organisationName}: press releases` }] } },
  };
}

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const settings = await getPublicSettings();
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader settings={settings} />
      <div className="flex-1">{children}</div>
      <SiteFooter settings={settings} />
    </div>
  );
}
