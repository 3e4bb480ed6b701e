import type { Metadata } from "next";
import { connection } from "next/server";
import { AccessRefused } from "@/components/desk/access-refused";
import { ScrollingTable } from "@/components/ui/scrolling-table";
import { jobsOverview, type JobRow } from "@/db/jobs/manage";
import { requireStaffPage } from "@/db/viewer";
import { can } from "@/lib/access/permissions";
import { jobKindLabel } from "@/lib/jobs/kinds";
import { VISIBLE_STATES, type JobState } from "@/lib/jobs/states";
import { discardJobAction, retryJobAction } from "./actions";
import { JobButton } from "./job-button";

export const metadata: Metadata = { title: "Jobs" };

const STATE_LABELS: Record<JobState, string> = { queued: "Queued", running: "Running", failed: "Failed, will retry", dead: "Dead", done: "Done" };

const when = (instant: Date | null) => (instant ? `${instant.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

function JobActions({ job }: { job: JobRow }) {
  const label = `${jobKindLabel(job.kind)} ${job.id.slice(0, 8)}`;
  return (
    <div className="flex flex-wrap gap-2">
      {(job.state === "failed" || job.state === "dead") && (
        <JobButton id={job.id} label="Retry" description={`Retry ${label}`} action={retryJobAction} variant="secondary" />
      )}
      {job.state !== "running" && <JobButton id={job.id} label="Discard" description={`Discard ${label}`} action={discardJobAction} variant="ghost" />}
    </div>
  );
}

/** The job queue for admins: what waits, runs, failed or died, by kind, and the jobs that need a person. */
export default async function JobsPage() {
  await connection();
  const viewer = await requireStaffPage("/desk/jobs");
  if (!can(viewer.role, "jobs:manage")) {
    return <AccessRefused title="Jobs" what="the job queue" testId="jobs-forbidden" />;
  }
  const { kinds, jobs } = await jobsOverview(viewer);
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold">Jobs</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Emails and pings leave through this queue. Failed jobs are retried on their own; dead ones wait for you to retry or discard them.
        </p>
      </div>

      <section aria-labelledby="kinds-heading">
        <h2 id="kinds-heading" className="mb-3 text-lg font-semibold">
          By kind
        </h2>
        {kinds.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">The queue is empty.</p>
        ) : (
          <ScrollingTable boxClassName="rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2">Kind</th>
                {VISIBLE_STATES.map((state) => (
                  <th key={state} scope="col" className="px-3 py-2 text-right">
                    {STATE_LABELS[state]}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2">Last error</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((entry) => (
                <tr key={entry.kind} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {jobKindLabel(entry.kind)}
                  </th>
                  {VISIBLE_STATES.map((state) => (
                    <td key={state} className="px-3 py-2 text-right tabular-nums">
                      {entry.counts[state as Exclude<JobState, "done">]}
                    </td>
                  ))}
                  <td className="px-3 py-2">{entry.lastError ? `${entry.lastError} (${when(entry.lastErrorAt)})` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
      </section>

      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading" className="mb-3 text-lg font-semibold">
          Jobs not yet done
        </h2>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing is waiting.</p>
        ) : (
          <ScrollingTable aria-label="Jobs not yet done" boxClassName="rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2">Kind</th>
                <th scope="col" className="px-3 py-2">State</th>
                <th scope="col" className="px-3 py-2">Attempts</th>
                <th scope="col" className="px-3 py-2">Next run</th>
                <th scope="col" className="px-3 py-2">Error</th>
                <th scope="col" className="px-3 py-2">Actions</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {jobKindLabel(job.kind)} <code className="block text-xs font-normal text-slate-500">{job.id}</code>
                  </th>
                  <td className="px-3 py-2">{STATE_LABELS[job.state]}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {job.attempts} of {job.maxAttempts}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{job.state === "queued" || job.state === "failed" ? when(job.runAt) : "—"}</td>
                  <td className="px-3 py-2">{job.deadReason ?? job.lastError ?? "—"}</td>
                  <td className="px-3 py-2">
                    <JobActions job={job} />
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        )}
      </section>
    </main>
  );
}
