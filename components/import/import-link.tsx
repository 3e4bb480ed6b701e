import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** The desk's way in to importing: a secondary button-style link to /desk/releases/import. */
export function ImportLink({ className }: { className?: string }) {
  return (
    <Link href="/desk/releases/import" className={className ?? buttonClass("secondary")}>
      Import a document
    </Link>
  );
}
