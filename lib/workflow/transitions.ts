import type { Role } from "@/lib/access/roles";
import { can, ROLE_PERMISSIONS, type Permission } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import type { NotificationKind } from "@/lib/notifications/kinds";
import { RELEASE_STATUSES, type ReleaseStatus } from "./states";

/**
 * The one workflow table. The server checks every transition with `checkTransition` and the desk UI
 * renders its buttons from `allowedActions`, so both read the same data and cannot disagree.
 *
 * A release's `status` describes its working copy. Whether something is public is a separate fact,
 * `isLive`: a publication exists and is not retracted. A published release that is being updated is
 * `draft` (or `in_review`, ...) and live at the same time; the live version stays public until the
 * update is published.
 *
 * Scheduled and embargoed releases are published by the scheduler through the internal action
 * `publish_due` (scheduled | embargoed → published). It is marked `actor: "system"`: `allowedActions`
 * never offers it to a person and `checkTransition` refuses it for a person; the scheduler uses
 * `checkSystemTransition`. People publish only from `approved` with `publish`; to publish a scheduled
 * release early, unschedule it and publish it.
 *
 * Order of checks in `checkTransition` (so the same case always gets the same answer):
 *   1. the role lacks the action's permission        → forbidden ("Only an editor can publish.")
 *   2. the status (or liveness) does not allow it     → invalid_state
 *   3. the transition's guards, in order              → forbidden (own releases only for writers,
 *      four-eyes approval)
 *
 * What a transition does besides changing the status is data too: `effects` on each row (which release
 * fields it sets or clears, whether it pins an approval, writes or retracts the publication, keeps the
 * comment, takes a public note, which notice it sends). db/releases/apply-transition.ts carries them out
 * for people and the scheduler alike.
 */

export const RELEASE_ACTIONS = [
  "submit",
  "request_changes",
  "approve",
  "publish",
  "schedule",
  "embargo",
  "unschedule",
  "retract",
  "trash",
  "restore",
  "publish_due",
] as const;

export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** What a person must supply with the action; the server validates the value itself. */
export type TransitionRequirement = "comment" | "reason" | "time";

export type Transition = {
  action: ReleaseAction;
  from: readonly ReleaseStatus[];
  to: ReleaseStatus;
  permission: Permission;
  /** Button text. */
  label: string;
  requires?: readonly TransitionRequirement[];
  /** The main forward step, shown as the prominent button. */
  primary?: boolean;
  /** Set on the isLive rule when the action depends on whether a live publication exists. */
  live?: "required" | "forbidden";
  /** "system": only the scheduler performs it; never offered to or accepted from a person. */
  actor?: "system";
  /** Rules about this person and this release, checked in order after permission and state. */
  guards?: readonly TransitionGuard[];
  effects: TransitionEffects;
};

/** A rule about the person and the release: the refusal's message, or null when the rule holds. */
export type TransitionGuard = (context: TransitionContext) => string | null;

/** Release fields a transition sets to an instant or back to null. */
export type TimedField = "publishAt" | "embargoUntil" | "deletedAt";

export type TransitionEffects = {
  /** Set back to null. */
  clears: readonly TimedField[];
  /** Set to the time the person chose (the transition requires "time") or to the moment of the transition. */
  sets: { field: TimedField; to: "chosen_time" | "now" } | null;
  /** Records the current revision and its content hash as the approved one, with who approved and when. */
  pinsApproval: boolean;
  /** "write": the publications row from the approved revision (and the release's published revision); "retract": the live row is retracted with the reason. */
  publication: "write" | "retract" | null;
  /** The comment or reason given is also kept in the release's comments. */
  keepsComment: boolean;
  /** Accepts a public correction or update note (when the release is live). */
  takesNote: boolean;
  /** The audit row records when the release was due. */
  recordsDueTime: boolean;
  /** The notice it sends; audience and wording are in db/notifications/notify.ts. */
  notify: NotificationKind | null;
};

/** Statuses a person may move to the trash from, when the release is not live. */
const TRASHABLE: readonly ReleaseStatus[] = RELEASE_STATUSES.filter((status) => status !== "trashed");

/** A writer may submit only what they may edit, i.e. their own release. */
const submitsWhatTheyMayEdit: TransitionGuard = ({ role, isOwner, status }) =>
  canEdit({ role, isOwner, status }) ? null : "You can only submit your own releases for review.";

const fourEyes: TransitionGuard = ({ viewerAuthoredSinceApproval }) =>
  viewerAuthoredSinceApproval ? "You wrote part of this version, so someone else must approve it." : null;

const trashesOwnDraftsOnly: TransitionGuard = ({ role, isOwner, status }) => {
  if (can(role, "release:edit-any")) return null;
  if (!isOwner) return "You can only move your own releases to the trash.";
  if (!OWN_EDITABLE.includes(status)) return "Writers can move their own releases to the trash only while they are drafts or sent back for changes.";
  return null;
};

const restoresOwnOnly: TransitionGuard = ({ role, isOwner }) =>
  can(role, "release:edit-any") || isOwner ? null : "You can only restore your own releases.";

const NO_EFFECTS: TransitionEffects = {
  clears: [],
  sets: null,
  pinsApproval: false,
  publication: null,
  keepsComment: false,
  takesNote: false,
  recordsDueTime: false,
  notify: null,
};

const EFFECTS: Record<ReleaseAction, TransitionEffects> = {
  submit: { ...NO_EFFECTS, notify: "review_requested" },
  request_changes: { ...NO_EFFECTS, keepsComment: true, notify: "changes_requested" },
  approve: { ...NO_EFFECTS, pinsApproval: true, notify: "approved" },
  publish: { ...NO_EFFECTS, clears: ["publishAt", "embargoUntil"], publication: "write", takesNote: true, notify: "published" },
  schedule: { ...NO_EFFECTS, sets: { field: "publishAt", to: "chosen_time" }, clears: ["embargoUntil"] },
  embargo: { ...NO_EFFECTS, sets: { field: "embargoUntil", to: "chosen_time" }, clears: ["publishAt"] },
  unschedule: { ...NO_EFFECTS, clears: ["publishAt", "embargoUntil"] },
  retract: { ...NO_EFFECTS, publication: "retract", keepsComment: true },
  trash: { ...NO_EFFECTS, sets: { field: "deletedAt", to: "now" } },
  restore: { ...NO_EFFECTS, clears: ["deletedAt"] },
  publish_due: { ...NO_EFFECTS, clears: ["publishAt", "embargoUntil"], publication: "write", recordsDueTime: true, notify: "published" },
};

const TABLE: Omit<Transition, "effects">[] = [
  {
    action: "submit",
    from: ["draft", "changes_requested"],
    to: "in_review",
    permission: "release:submit",
    label: "Submit for review",
    primary: true,
    guards: [submitsWhatTheyMayEdit],
  },
  {
    action: "request_changes",
    from: ["in_review"],
    to: "changes_requested",
    permission: "release:request-changes",
    label: "Request changes",
    requires: ["comment"],
  },
  { action: "approve", from: ["in_review"], to: "approved", permission: "release:approve", label: "Approve", primary: true, guards: [fourEyes] },
  { action: "publish", from: ["approved"], to: "published", permission: "release:publish", label: "Publish now", primary: true },
  { action: "schedule", from: ["approved"], to: "scheduled", permission: "release:schedule", label: "Schedule", requires: ["time"] },
  { action: "embargo", from: ["approved"], to: "embargoed", permission: "release:schedule", label: "Embargo", requires: ["time"] },
  { action: "unschedule", from: ["scheduled", "embargoed"], to: "approved", permission: "release:schedule", label: "Unschedule" },
  {
    action: "retract",
    from: ["published"],
    to: "retracted",
    permission: "release:retract",
    label: "Retract",
    requires: ["reason"],
    live: "required",
  },
  {
    action: "trash",
    from: TRASHABLE,
    to: "trashed",
    permission: "release:trash",
    label: "Move to trash",
    live: "forbidden",
    guards: [trashesOwnDraftsOnly],
  },
  { action: "restore", from: ["trashed"], to: "draft", permission: "release:trash", label: "Restore", guards: [restoresOwnOnly] },
  {
    action: "publish_due",
    from: ["scheduled", "embargoed"],
    to: "published",
    permission: "release:publish",
    label: "Publish at the scheduled time",
    actor: "system",
  },
];

/** The table, frozen so no caller can change the rules at run time. */
export const TRANSITIONS: readonly Transition[] = Object.freeze(
  TABLE.map((transition): Transition => {
    const effects = EFFECTS[transition.action];
    const frozen: Transition = {
      ...transition,
      from: Object.freeze([...transition.from]),
      effects: Object.freeze({ ...effects, clears: Object.freeze([...effects.clears]), sets: effects.sets && Object.freeze({ ...effects.sets }) }),
    };
    if (transition.requires) frozen.requires = Object.freeze([...transition.requires]);
    if (transition.guards) frozen.guards = Object.freeze([...transition.guards]);
    return Object.freeze(frozen);
  }),
);

const BY_ACTION = new Map<ReleaseAction, Transition>(TRANSITIONS.map((transition) => [transition.action, transition]));

/** The transition row of an action (for its label, permission, requirements). */
export function transitionOf(action: ReleaseAction): Transition {
  const transition = BY_ACTION.get(action);
  if (!transition) throw new Error(`No transition for action ${action}`);
  return transition;
}

/** The transition `action` takes from `from`, or undefined when that status does not allow it. */
export function transitionFor(action: ReleaseAction, from: ReleaseStatus): Transition | undefined {
  const transition = BY_ACTION.get(action);
  return transition && transition.from.includes(from) ? transition : undefined;
}

export function isReleaseAction(value: unknown): value is ReleaseAction {
  return typeof value === "string" && (RELEASE_ACTIONS as readonly string[]).includes(value);
}

export type TransitionContext = {
  role: Role;
  status: ReleaseStatus;
  /** The viewer created the release. */
  isOwner: boolean;
  /** A live publication exists and is not retracted. */
  isLive: boolean;
  /** The viewer authored any revision since the last approval (computed by the server). */
  viewerAuthoredSinceApproval: boolean;
};

export type TransitionDenialCode = "forbidden" | "invalid_state";

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; code: TransitionDenialCode; message: string };

// ---------------------------------------------------------------------------------------------
// Editing

/** Statuses writers (edit-own only) may edit, and then only their own releases. */
const OWN_EDITABLE: readonly ReleaseStatus[] = ["draft", "changes_requested"];

export type EditEffect = "none" | "voids_approval" | "starts_update" | "reopens";

export type EditOutcome =
  | {
      editable: true;
      /** Status after the edit is saved. */
      to: ReleaseStatus;
      /** none: stays; voids_approval: approved → in_review; starts_update / reopens: → draft. */
      effect: EditEffect;
      /** What to tell the person before they edit, or null when nothing changes. */
      notice: string | null;
    }
  | { editable: false; message: string };

/** What saving an edit does to a release in `status`. Says nothing about who may edit (see canEdit). */
export function editOutcome(status: ReleaseStatus, isLive: boolean): EditOutcome {
  switch (status) {
    case "draft":
    case "changes_requested":
    case "in_review":
      return { editable: true, to: status, effect: "none", notice: null };
    case "approved":
      return {
        editable: true,
        to: "in_review",
        effect: "voids_approval",
        notice: "Editing an approved release withdraws the approval; it goes back to review.",
      };
    case "published":
      return {
        editable: true,
        to: "draft",
        effect: "starts_update",
        notice: isLive
          ? "Editing starts an update. The live version stays public until the update is published."
          : "Editing starts a new draft that has to go through review again.",
      };
    case "retracted":
      return {
        editable: true,
        to: "draft",
        effect: "reopens",
        notice: "Editing a retracted release starts a new draft; it has to go through review before it can be published again.",
      };
    case "scheduled":
    case "embargoed":
      return { editable: false, message: `${STATUS_PHRASE[status]} cannot be edited; unschedule it first.` };
    case "trashed":
      return { editable: false, message: "A release in the trash cannot be edited; restore it first." };
  }
}

/** Who may edit: writers only their own drafts and releases sent back for changes; editors and admins any editable status. */
export function canEdit(context: { role: Role; isOwner: boolean; status: ReleaseStatus }): boolean {
  const { role, isOwner, status } = context;
  // isLive only changes the notice, never whether a status is editable.
  if (!editOutcome(status, false).editable) return false;
  if (can(role, "release:edit-any")) return true;
  return can(role, "release:edit-own") && isOwner && OWN_EDITABLE.includes(status);
}

export type EditCheck =
  | { ok: true; to: ReleaseStatus; effect: EditEffect; notice: string | null }
  | { ok: false; code: TransitionDenialCode; message: string };

/** canEdit and editOutcome together, with a message for the refusal. */
export function checkEdit(context: {
  role: Role;
  isOwner: boolean;
  status: ReleaseStatus;
  isLive: boolean;
}): EditCheck {
  const outcome = editOutcome(context.status, context.isLive);
  if (!outcome.editable) return { ok: false, code: "invalid_state", message: outcome.message };
  if (!canEdit(context)) {
    const message = !context.isOwner && !can(context.role, "release:edit-any")
      ? "You can only edit your own releases."
      : "Writers can edit their own releases only while they are drafts or sent back for changes.";
    return { ok: false, code: "forbidden", message };
  }
  return { ok: true, to: outcome.to, effect: outcome.effect, notice: outcome.notice };
}

export const SLUG_FIXED_MESSAGE = "The web address cannot change after the release has been published.";

/** The web address may change while the viewer may edit the release and it was never published. */
export function canChangeSlug(release: { firstPublishedAt: Date | string | null }, viewerCanEdit: boolean): boolean {
  return viewerCanEdit && !release.firstPublishedAt;
}

/** A refusal as the server answers it: a state that does not allow the step is a conflict (409). */
export function denialToError(denial: { code: TransitionDenialCode; message: string }): AppError {
  return new AppError(denial.code === "invalid_state" ? "conflict" : "forbidden", denial.message);
}

// ---------------------------------------------------------------------------------------------
// Transitions

/** Actions the viewer may take now, in table order (the order the UI shows buttons). */
export function allowedActions(context: TransitionContext): ReleaseAction[] {
  return TRANSITIONS.filter((transition) => checkTransition(transition.action, context).ok).map((transition) => transition.action);
}

/** Whether a person may take `action` now, with the reason when not. */
export function checkTransition(action: ReleaseAction, context: TransitionContext): TransitionCheck {
  const transition = BY_ACTION.get(action);
  if (!transition) return { ok: false, code: "invalid_state", message: "That is not something you can do to a release." };
  const { role, status, isLive } = context;

  if (transition.actor === "system") {
    return {
      ok: false,
      code: "forbidden",
      message: "Scheduled releases are published automatically at their time. To publish now, unschedule it and publish it.",
    };
  }

  // 1. Permission of the role.
  if (!can(role, transition.permission)) return forbidden(missingPermissionMessage(action, transition.permission));

  // 2. Status and liveness.
  const stateProblem = stateMessage(transition, status, isLive);
  if (stateProblem) return { ok: false, code: "invalid_state", message: stateProblem };

  // 3. This person and this release.
  for (const guard of transition.guards ?? []) {
    const refusal = guard(context);
    if (refusal) return forbidden(refusal);
  }
  return { ok: true, transition };
}

/** For the scheduler (actor "system"): only system actions, checked against the status alone. */
export function checkSystemTransition(action: ReleaseAction, status: ReleaseStatus): TransitionCheck {
  const transition = BY_ACTION.get(action);
  if (!transition || transition.actor !== "system") {
    return { ok: false, code: "forbidden", message: `The scheduler cannot ${ACTION_VERB[action]}.` };
  }
  if (!transition.from.includes(status)) {
    return { ok: false, code: "invalid_state", message: `${STATUS_PHRASE[status]} is not due for publishing; it is no longer scheduled.` };
  }
  return { ok: true, transition };
}

function forbidden(message: string): TransitionCheck {
  return { ok: false, code: "forbidden", message };
}

// ---------------------------------------------------------------------------------------------
// Messages

const STATUS_PHRASE: Record<ReleaseStatus, string> = {
  draft: "A draft",
  in_review: "A release in review",
  changes_requested: "A release sent back for changes",
  approved: "An approved release",
  scheduled: "A scheduled release",
  embargoed: "An embargoed release",
  published: "A published release",
  retracted: "A retracted release",
  trashed: "A release in the trash",
};

const ALREADY: Record<ReleaseStatus, string> = {
  draft: "This release is already a draft.",
  in_review: "This release is already in review.",
  changes_requested: "Changes have already been requested.",
  approved: "This release is already approved.",
  scheduled: "This release is already scheduled.",
  embargoed: "This release is already under embargo.",
  published: "This release is already published.",
  retracted: "This release is already retracted.",
  trashed: "This release is already in the trash.",
};

const ACTION_PAST: Record<ReleaseAction, string> = {
  submit: "submitted for review",
  request_changes: "sent back for changes",
  approve: "approved",
  publish: "published",
  schedule: "scheduled",
  embargo: "put under embargo",
  unschedule: "unscheduled",
  retract: "retracted",
  trash: "moved to the trash",
  restore: "restored",
  publish_due: "published",
};

const ACTION_VERB: Record<ReleaseAction, string> = {
  submit: "submit releases for review",
  request_changes: "request changes",
  approve: "approve releases",
  publish: "publish",
  schedule: "schedule releases",
  embargo: "put releases under embargo",
  unschedule: "unschedule releases",
  retract: "retract releases",
  trash: "move releases to the trash",
  restore: "restore releases from the trash",
  publish_due: "publish scheduled releases",
};

/** "Only an editor can publish." Names the least role that holds the permission. */
function missingPermissionMessage(action: ReleaseAction, permission: Permission): string {
  const order: Role[] = ["writer", "editor", "admin"];
  const holder = order.find((role) => ROLE_PERMISSIONS[role].has(permission));
  if (!holder) return `Nobody can ${ACTION_VERB[action]}.`;
  const article = holder === "writer" ? "a" : "an";
  return `Only ${article} ${holder} can ${ACTION_VERB[action]}.`;
}

/** Null when the status and liveness allow the transition, otherwise why not. */
function stateMessage(transition: Transition, status: ReleaseStatus, isLive: boolean): string | null {
  const { action } = transition;
  if (transition.from.includes(status)) {
    if (transition.live === "required" && !isLive) return "This release is not live, so there is nothing to retract.";
    if (transition.live === "forbidden" && isLive) {
      return "A live release cannot be moved to the trash; retract it first.";
    }
    return null;
  }
  if (status === transition.to && action !== "restore" && action !== "unschedule") return ALREADY[status];
  const hint = stateHint(action, status);
  return `${STATUS_PHRASE[status]} cannot be ${ACTION_PAST[action]}${hint ? `; ${hint}` : ""}.`;
}

function stateHint(action: ReleaseAction, status: ReleaseStatus): string | null {
  if (status === "trashed") return "restore it first";
  switch (action) {
    case "submit":
      if (status === "scheduled" || status === "embargoed") return "unschedule it and edit it first";
      if (status === "approved") return "it is already approved";
      if (status === "published" || status === "retracted") return "edit it to start a new version";
      return null;
    case "request_changes":
    case "approve":
      if (status === "draft" || status === "changes_requested") return "it has to be submitted for review first";
      if (status === "approved" || status === "scheduled" || status === "embargoed") return "it has already been approved";
      if (status === "published" || status === "retracted") return "edit it to start a new version";
      return null;
    case "publish":
    case "schedule":
    case "embargo":
      if (status === "draft" || status === "changes_requested") return "submit it for review first";
      if (status === "in_review") return "approve it first";
      if (status === "scheduled" || status === "embargoed") return "unschedule it first";
      if (status === "published") return "edit it to start an update";
      if (status === "retracted") return "edit it and send it through review again";
      return null;
    case "unschedule":
      return "it is not scheduled";
    case "retract":
      return "only a published release can be retracted";
    case "restore":
      return "it is not in the trash";
    default:
      return null;
  }
}
