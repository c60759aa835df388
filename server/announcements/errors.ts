// Why a change to an announcement was refused. The concern does not know HTTP; the routes
// (and other callers, such as the Alertmanager integration) turn this into their answer.
export type AnnouncementErrorCode = 'not_found' | 'not_published' | 'not_ack_required' | 'remind_too_soon';

export class AnnouncementError extends Error {
  constructor(
    readonly code: AnnouncementErrorCode,
    message: string,
    /** For `remind_too_soon`: when the next reminder is allowed. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AnnouncementError';
  }

  /** The HTTP status that fits the code. */
  get status(): 404 | 409 | 429 {
    return this.code === 'not_found' ? 404 : this.code === 'remind_too_soon' ? 429 : 409;
  }
}
