import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { DeskSection } from "@/components/desk/desk-section";
import { deskWeek } from "@/components/desk/desk-week";
import { NotificationList } from "@/components/desk/notification-list";
import { WeekCalendar } from "@/components/desk/week-calendar";
import { ImportLink } from "@/components/import/import-link";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getPublicSettings } from "@/db/public/settings";
import { listNotifications } from "@/db/notifications/notify";
import { listOverdue } from "@/db/publishing/scheduler";
import { getDeskSections, listDeskSchedule } from "@/db/releases/queries";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";

export const metadata: Metadata = { title: "Desk" };

const LIST_LENGTH = 10;

export default async function DeskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const viewer = await requireStaffPage("/desk");
  const { week: weekParam } = await searchParams;
  const settings = await getPublicSettings();
  const week = deskWeek(Array.isArray(weekParam) ? weekParam[0] : weekParam, settings.timeZone);
  const [sections, calendar, overdueRows, notices] = await Promise.all([
    getDeskSections(viewer, LIST_LENGTH),
    listDeskSchedule(viewer, week.start, week.end),
    listOverdue(),
    listNotifications(viewer, 8),
  ]);
  const reviewer = can(viewer.role, "release:review");
  const seesAll = can(viewer.role, "release:edit-any");
  const { timeZone } = settings;
  // Overdue releases are the earliest due, so the scheduled list (soonest first) names them.
  const headlines = new Map([...sections.scheduled.releases, ...calendar].map((release) => [release.id, release.headline]));
  const overdue = overdueRows.map((row) => headlines.get(row.id) ?? row.slug);

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
            {overdue.join("; ")}. Check that the server is running and its scheduler is on.
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
        <DeskSection title="My drafts" section={sections.myDrafts} empty="No drafts of yours." />
        <DeskSection title="Changes requested" section={sections.changesRequested} empty="Nothing of yours was sent back." />
        <DeskSection
          title={reviewer ? "Waiting for review" : "Yours in review"}
          section={sections.inReview}
          empty={reviewer ? "Nothing is waiting for review." : "Nothing of yours is in review."}
        />
        {seesAll && <DeskSection title="Drafts by others" section={sections.othersDrafts} empty="Nobody else has a draft open." />}
        <DeskSection title={seesAll ? "Approved" : "Yours approved"} section={sections.approved} empty="Nothing approved and waiting." />
        <DeskSection title="Scheduled and embargoed" section={sections.scheduled} empty="Nothing is scheduled." timeZone={timeZone} />
        <div className="lg:col-span-2">
          <WeekCalendar week={week} releases={calendar} timeZone={timeZone} />
        </div>
        <DeskSection title="Recently published" section={sections.published} empty="Nothing published yet." />
      </div>
    </main>
  );
}
