// Shapes of the JSON the Heraldo API returns (see /work/shared/DESIGN.md, public contract).

export type Role = 'admin' | 'communicator' | 'manager' | 'employee';
export type Locale = 'en' | 'es';
export type Priority = 'normal' | 'high' | 'urgent';
export type Channel = 'in_app' | 'email' | 'slack';
export const CHANNELS: readonly Channel[] = ['in_app', 'email', 'slack'];
export const PRIORITIES: readonly Priority[] = ['normal', 'high', 'urgent'];

export interface Department {
  id: string;
  slug: string;
  name: string;
}

export interface MyDepartment extends Department {
  isManager: boolean;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale?: Locale;
  timezone?: string;
  departments: MyDepartment[];
  /** Which delivery channels the server has on (absent from older servers: all on). */
  channels?: { email: boolean; slack: boolean };
}

export interface Notification {
  id: string;
  announcementId: string;
  title: string;
  bodyHtml: string;
  /** The body's first words as plain text (absent from older servers). */
  snippet?: string;
  priority: Priority;
  requireAck: boolean;
  publishedAt: string | null;
  /** When the announcement was edited after publication; null (or absent) until then. */
  editedAt?: string | null;
  readAt: string | null;
  ackAt: string | null;
  departments: string[];
}

/** `notification:updated`: an announcement was edited; every inbox item of it shows this. */
export interface NotificationUpdate {
  announcementId: string;
  title: string;
  bodyHtml: string;
  /** Absent from older servers. */
  snippet?: string;
  priority: Priority;
  editedAt: string;
}

/** GET/PATCH /api/me/preferences. */
export interface Preferences {
  email: 'all' | 'important' | 'digest' | 'none';
  quietHours: { start: string; end: string } | null;
  desktop: boolean;
}

export interface InboxPage {
  items: Notification[];
  unreadCount: number;
}

export interface ReceiptResponse {
  notification: Notification;
  unreadCount: number;
}

export interface ReceiptEvent {
  id: string;
  readAt: string | null;
  ackAt: string | null;
  unreadCount: number;
}

export type Audience = { type: 'all' } | { type: 'departments'; departmentIds: string[] };

export type AnnouncementStatus = 'draft' | 'scheduled' | 'published' | 'cancelled' | 'expired' | 'retracted';

export interface Author {
  id: string;
  name: string;
}

export interface AnnouncementSummary {
  id: string;
  title: string;
  priority: Priority;
  status: AnnouncementStatus | string;
  publishedAt: string | null;
  scheduledAt: string | null;
  author: Author;
  recipientCount: number;
  /** A scheduled one: how many its audience reaches today (absent from older servers). */
  expectedRecipients?: number | null;
}

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
  author: Author;
  departments: Department[];
  editedAt?: string | null;
  retractedAt?: string | null;
  remindAfterHours?: number | null;
  remindDueAt?: string | null;
  lastRemindedAt?: string | null;
  reminderRounds?: number;
}

export interface ChannelStats {
  pending: number;
  sent: number;
  failed: number;
  skipped?: number;
}

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
  target: string;
  error: string;
  attempts: number;
}

/** Skipped deliveries of one channel with one recorded reason. */
export interface SkippedReason {
  channel: Channel;
  reason: string;
  count: number;
}

export interface AnnouncementStats {
  recipients: number;
  channels: Partial<Record<Channel, ChannelStats>>;
  read: number;
  acknowledged: number;
  byDepartment?: DepartmentStats[];
  failures?: DeliveryFailure[];
  skippedReasons?: SkippedReason[];
  /** Reminder rounds and their emails (kept apart from the announcement's own). */
  reminders?: { rounds: number; lastRemindedAt: string | null; dueAt: string | null; email: ChannelStats };
}

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  departments: string[];
  readAt: string | null;
  ackAt: string | null;
}

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
