import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ReleaseList } from "@/components/desk/release-list";
import { buttonClass } from "@/components/ui/button";
import { listDeskReleases } from "@/db/releases/queries";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskPage() {
  await connection();
  const viewer = await requireStaffPage("/desk");
  const releases = await listDeskReleases(viewer);
  const mine = releases.filter((release) => release.createdBy === viewer.id && ["draft", "changes_requested"].includes(release.status));
  const inReview = releases.filter((release) => release.status === "in_review");
  const approved = releases.filter((release) => ["approved", "scheduled", "embargoed"].includes(release.status));
  const published = releases.filter((release) => release.status === "published").slice(0, 20);
  const reviewer = can(viewer.role, "release:review");
  const othersDrafts = releases.filter((release) => release.createdBy !== viewer.id && ["draft", "changes_requested"].includes(release.status));

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Desk</h1>
        <Link href="/desk/releases/new" className={buttonClass("primary")}>
          New release
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ReleaseList title="My drafts" releases={mine} empty="No drafts of yours." />
        <ReleaseList
          title={reviewer ? "Waiting for review" : "In review"}
          releases={inReview}
          empty={reviewer ? "Nothing is waiting for review." : "Nothing is in review."}
        />
        {can(viewer.role, "release:edit-any") && (
          <ReleaseList title="Drafts by others" releases={othersDrafts} empty="Nobody else has a draft open." />
        )}
        <ReleaseList title="Approved" releases={approved} empty="Nothing approved and waiting." />
        <ReleaseList title="Recently published" releases={published} empty="Nothing published yet." />
      </div>
    </main>
  );
}
