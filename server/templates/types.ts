// The data the templates render. index.ts re-exports these as the module's public interface.

export interface AnnouncementView {
  id: string;
  title: string;
  /** Markdown, as the author wrote it. */
  body: string;
  priority: 'normal' | 'high' | 'urgent';
  requireAck: boolean;
  publishedAt: Date;
  expiresAt: Date | null;
  /** Empty = company-wide. */
  departments: { slug: string; name: string }[];
  authorName: string;
}

export interface RecipientView {
  name: string;
  email: string;
  /** `en`, `es` (or `es-MX`…); anything else renders in English. */
  locale: string;
  /** IANA name; an unknown one renders in UTC. */
  timezone: string;
}

export interface RenderedEmail { subject: string; html: string; text: string }

export interface RenderedSlack {
  /** Plain fallback for notifications, mrkdwn-escaped. */
  text: string;
  blocks: unknown[];
}

export interface EmailOptions {
  /** Where the links in the message point (http or https). */
  inboxUrl: string;
  /** Company name for the footer; without it the footer says "a member of the staff". */
  company?: string;
}

export interface SlackOptions {
  inboxUrl: string;
  /** Language of the labels and date; default `en`. */
  locale?: string;
  /** Timezone of the date shown (a channel has many readers, so it names the zone); default UTC. */
  timezone?: string;
}

/** The invitation to choose a password (people/invitations.ts). */
export interface InvitationView {
  recipient: RecipientView;
  /** PUBLIC_URL/set-password?token=… */
  setPasswordUrl: string;
  expiresAt: Date;
  /** The web app, for the footer's link. */
  appUrl: string;
  company?: string;
}

/** One person's daily digest: the announcements held for it, oldest first, each with the link
 *  that opens it in their inbox. */
export interface DigestView {
  items: { announcement: AnnouncementView; url: string }[];
}

export interface Templates {
  email(a: AnnouncementView, r: RecipientView, opts: EmailOptions): RenderedEmail;
  /** The reminder to confirm (opts.inboxUrl opens the person's notification). */
  reminder(a: AnnouncementView, r: RecipientView, opts: EmailOptions): RenderedEmail;
  digest(d: DigestView, r: RecipientView, opts: EmailOptions): RenderedEmail;
  invitation(v: InvitationView): RenderedEmail;
  slack(a: AnnouncementView, opts: SlackOptions): RenderedSlack;
}
