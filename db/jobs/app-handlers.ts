import "server-only";
import { NOTIFICATION_EMAIL_JOB, notificationEmailJob } from "../notifications/send-emails";
import { WEBSUB_PING_JOB, websubPingJob } from "../publishing/websub";
import type { JobHandlers } from "./handler";

/** Every kind of job the app enqueues, with what runs it. The workers of every instance run all of them. */
export const APP_JOB_HANDLERS: JobHandlers = {
  [NOTIFICATION_EMAIL_JOB]: notificationEmailJob,
  [WEBSUB_PING_JOB]: websubPingJob,
};
