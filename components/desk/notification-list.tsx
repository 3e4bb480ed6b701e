import Link from "next/link";
import { markNotificationsReadAction } from "@/app/desk/notification-actions";

export type NotificationItem = { id: string; text: string; releaseId: string | null; createdAt: string; unread: boolean };

/** The viewer's latest workflow notices, unread first in weight, with one button to mark them read. */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  const unread = items.filter((item) => item.unread).length;
  return (
    <section aria-labelledby="notifications-heading" className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="notifications-heading" className="text-sm font-semibold">
          Notifications <span className="ml-1 rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200">{unread} new</span>
        </h2>
        {unread > 0 && (
          <form action={async () => {
            "use server";
            await markNotificationsReadAction();
          }}>
            <button type="submit" className="text-xs underline">
              Mark all read
            </button>
          </form>
        )}
      </div>
      {items.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">Nothing new.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((item) => (
            <li key={item.id} className={`px-4 py-2 text-sm ${item.unread ? "font-medium" : "text-slate-600 dark:text-slate-400"}`}>
              {item.releaseId ? (
                <Link href={`/desk/releases/${item.releaseId}`} className="hover:underline">
                  {item.text}
                </Link>
              ) : (
                item.text
              )}
              <time dateTime={item.createdAt} className="ml-2 text-xs text-slate-500">
                {new Date(item.createdAt).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
