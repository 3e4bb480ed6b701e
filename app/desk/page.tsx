import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { NotificationList } from "@/components/desk/notification-list";
import { ReleaseList } from "@/components/desk/release-list";
import { ImportLink } from "@/components/import/import-link";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getPublicSettings } from "@/db/public/settings";
import { listNotifications } from "@/db/notifications/notify";
import { listOverdue } from "@/db/publishing/scheduler";
import { listDeskReleases } from "@/db/releases/queries";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";

export const metadata: Metadata = { title: "Desk" };

export default async function DeskPage() {
  await connection();
  const viewer = await requireStaffPage("/desk");
  const [releases, settings, overdueRows, notices] = await Promise.all([
    listDeskReleases(viewer),
    getPublicSettings(),
    listOverdue(),
    listNotifications(viewer, 8),
  ]);
  const overdueIds = new Set(overdueRows.map((row) => row.id));
  const mine = releases.filter((release) => release.createdBy === viewer.id && release.status === "draft");
  const sentBack = releases.filter((release) => release.createdBy === viewer.id && release.status === "changes_requested");
  const inReview = releases.filter((release) => release.status === "in_review");
  const approved = releases.filter((release) => release.status === "approved");
  const scheduled = releases
    .filter((release) => ["scheduled", "embargoed"].includes(release.status))
    .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
  const overdue = scheduled.filter((release) => overdueIds.has(release.id));
  const published = releases.filter((release) => release.status === "published").slice(0, 20);
  const reviewer = can(viewer.role, "release:review");
  const othersDrafts = releases.filter((release) => release.createdBy !== viewer.id && ["draft", "changes_requested"].includes(release.status));

  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Desk</h1>
        <div className="flex items-center gap-4">
          <ImportLink />
          <Link href="/desk/releases/new" className={buttonClass("primary")}>
            New release
          </Link>
        </div>
      </div>
      {overdue.length > 0 && (
        <div className="mb-6">
          <Notice tone="warning" testId="overdue-warning">
            {overdue.length === 1 ? "One release is" : `${overdue.length} releases are`} more than a minute past the time it should have gone out:{" "}
            {overdue.map((release) => release.headline).join("; ")}. Check that the server is running and its scheduler is on.
          </Notice>
        </div>
      )}
      <div className="mb-6">
        <NotificationList
          items={notices.map((notice) => ({
            id: notice.id,
            text: notice.text,
            releaseId: notice.releaseId,
            createdAt: notice.createdAt.toISOString(),
            unread: notice.readAt === null,
          }))}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ReleaseList title="My drafts" releases={mine} empty="No drafts of yours." />
        <ReleaseList title="Changes requested" releases={sentBack} empty="Nothing of yours was sent back." />
        <ReleaseList
          title={reviewer ? "Waiting for review" : "In review"}
          releases={inReview}
          empty={reviewer ? "Nothing is waiting for review." : "Nothing is in review."}
        />
        {can(viewer.role, "release:edit-any") && (
          <ReleaseList title="Drafts by others" releases={othersDrafts} empty="Nobody else has a draft open." />
        )}
        <ReleaseList title="Approved" releases={approved} empty="Nothing approved and waiting." />
        <ReleaseList title="Scheduled and embargoed" releases={scheduled} empty="Nothing is scheduled." timeZone={settings.timeZone} />
        <ReleaseList title="Recently published" releases={published} empty="Nothing published yet." />
      </div>
    </main>
  );
}
