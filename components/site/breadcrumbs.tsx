import Link from "next/link";
import { Fragment } from "react";

export type Crumb = { href: string; label: string };

/** The way back up from a listing page (Archive › 2019): a link to each page above it. */
export function Breadcrumbs({ trail }: { trail: readonly Crumb[] }) {
  return (
    <p className="text-sm">
      {trail.map((crumb, index) => (
        <Fragment key={crumb.href}>
          {index > 0 && <span aria-hidden="true"> › </span>}
          <Link href={crumb.href} className="underline underline-offset-2">
            {crumb.label}
          </Link>
        </Fragment>
      ))}
    </p>
  );
}
