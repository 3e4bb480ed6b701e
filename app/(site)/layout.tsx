import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { getPublicSettings } from "@/db/public/settings";
import { feedAlternates } from "@/lib/feeds/discovery";
import { safeAccent } from "@/lib/public/labels";

export async function generateMetadata(): Promise<Metadata> {
  const settings = await getPublicSettings();
  return {
    title: { default: `Newsroom · ${settings.organisationName}`, template: `%s · ${settings.organisationName}` },
    alternates: { types: feedAlternates({ kind: "all" }, `${settings.organisationName}: press releases`) },
  };
}

/** The public newsroom's frame. The accent colour from settings reaches the CSS as --accent. */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const settings = await getPublicSettings();
  return (
    <div className="site flex min-h-screen flex-col" style={{ "--accent": safeAccent(settings.accentColor) } as CSSProperties}>
      <SiteHeader settings={settings} />
      <div className="flex-1">{children}</div>
      <SiteFooter settings={settings} />
    </div>
  );
}
