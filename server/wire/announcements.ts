// Announcements as staff see them: the list, one announcement, its reach (stats), recipients,
// and what the composer sends and previews.
import type { AnnouncementStatus, Channel, DeliveryStatus, Priority } from './enums.js';
import type { Department } from './people.js';

export type Audience = { type: 'all' } | { type: 'departments'; departmentIds: string[] };

/** Who published: a person, or a system through an API key (shown by the key's name). */
export interface Author {
  type: 'user' | 'apiKey';
  id: string;
  name: string;
}

/** One row of GET /api/announcements. */
export interface AnnouncementSummary {
  id: string;
  title: string;
  priority: Priority;
  status: AnnouncementStatus | string;
  publishedAt: string | null;
  scheduledAt: string | null;
  author: Author;
  recipientCount: number;
  /** A scheduled one: how many its audience reaches today; null otherwise. */
  expectedRecipients: number | null;
}

/** GET /api/announcements/:id. */
export interface AnnouncementDetail {
  id: string;
  title: string;
  body: string;
  bodyHtml: string;
  audience: Audience;
  channels: Channel[];
  priority: Priority;
  requireAck: boolean;
  status: AnnouncementStatus | string;
  scheduledAt: string | null;
  expiresAt: string | null;
  publishedAt: string | null;
  editedAt: string | null;
  retractedAt: string | null;
  remindAfterHours: number | null;
  remindDueAt: string | null;
  lastRemindedAt: string | null;
  reminderRounds: number;
  recipientCount: number;
  author: Author;
  departments: Department[];
}

export type ChannelStats = Record<DeliveryStatus, number>;

export interface DepartmentStats {
  slug: string;
  name: string;
  recipients: number;
  read: number;
  acknowledged: number;
}

export interface DeliveryFailure {
  id: string;
  channel: Channel;
  /** The address (email) or channel id (Slack) it went to. */
  target: string;
  /** Slack: the department whose channel it is (null for the company channel). */
  department: { slug: string; name: string } | null;
  error: string | null;
  attempts: number;
  updatedAt: string;
}

/** Why deliveries were skipped, grouped as the reach page counts them. */
export type SkipReason = 'preference' | 'retracted' | 'off' | 'other';

/** Skipped deliveries of one channel with one recorded reason. */
export interface SkippedReason {
  channel: Channel;
  reason: string;
  count: number;
}

/** GET /api/announcements/:id/stats. */
export interface AnnouncementStats {
  status: AnnouncementStatus;
  recipients: number;
  channels: Record<Channel, ChannelStats>;
  read: number;
  acknowledged: number;
  byDepartment: DepartmentStats[];
  /** The latest 100 failed deliveries, newest first. */
  failures: DeliveryFailure[];
  /** Skipped announcement deliveries by reason. */
  skipped: Record<Exclude<Channel, 'in_app'>, Record<SkipReason, number>>;
  /** The same with each reason as recorded, most frequent first: what the reach page shows. */
  skippedReasons: SkippedReason[];
  /** Reminder rounds and their emails (kept apart from the announcement's own). */
  reminders: { rounds: number; lastRemindedAt: string | null; dueAt: string | null; email: ChannelStats };
}

/** One row of GET /api/announcements/:id/recipients. */
export interface Recipient {
  userId: string;
  name: string;
  email: string;
  departments: string[];
  readAt: string | null;
  ackAt: string | null;
}

/** GET /api/announcements/:id/recipients: `nextCursor` (null on the last page) asks for the next. */
export interface RecipientPage {
  items: Recipient[];
  nextCursor: string | null;
}

/** POST /api/announcements (and the composer's previews and test sends). */
export interface NewAnnouncement {
  title: string;
  body: string;
  audience: Audience;
  channels: Channel[];
  priority: Priority;
  requireAck?: boolean;
  scheduledAt?: string;
  expiresAt?: string;
  /** With requireAck: hours after publishing when those who have not confirmed are reminded. */
  remindAfterHours?: number;
}

export interface EmailPreview {
  subject: string;
  html: string;
  text: string;
}

export interface SlackPreview {
  text: string;
  blocks: unknown[];
}

/** What a test send did on one channel. */
export type TestOutcome =
  /** `to`: the email address, or the Slack user id of the direct message. */
  | { status: 'sent'; to: string }
  /** not_chosen: not one of the message's channels; off: the server has it off;
   *  no_slack_account: Slack knows no user with this person's email. */
  | { status: 'skipped'; reason: 'not_chosen' | 'off' | 'no_slack_account' }
  /** `reason`: the provider's short error code (never its message). */
  | { status: 'failed'; reason: string };

/** POST /api/announcements/test: per channel, what was sent to the signed-in person, or why not. */
export interface TestSendAnswer {
  email: TestOutcome;
  slack: TestOutcome;
}
