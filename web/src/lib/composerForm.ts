// The composer's form model: values, client-side checks, the request body, and the mapping
// of API error `fields` keys (e.g. "audience.departmentIds", "channels.0") onto inputs.
import type { FieldErrors } from '../api';
import type { MessageKey } from '../i18n';
import type { Channel, NewAnnouncement, Priority } from '../types';
import { localInputToIso } from './dates';

export const FIELD_NAMES = [
  'title',
  'body',
  'audience',
  'channels',
  'priority',
  'requireAck',
  'remindAfterHours',
  'scheduledAt',
  'expiresAt',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export interface ComposerValues {
  title: string;
  body: string;
  audienceType: 'all' | 'departments';
  departmentIds: string[];
  channels: Channel[];
  priority: Priority;
  requireAck: boolean;
  /** Hours, as typed; '' = no automatic reminder. Only sent with requireAck. */
  remindAfterHours: string;
  scheduledAt: string; // datetime-local value, '' = now
  expiresAt: string; // datetime-local value, '' = never
}

export function emptyValues(canTargetEveryone: boolean): ComposerValues {
  return {
    title: '',
    body: '',
    audienceType: canTargetEveryone ? 'all' : 'departments',
    departmentIds: [],
    channels: ['in_app'],
    priority: 'normal',
    requireAck: false,
    remindAfterHours: '',
    scheduledAt: '',
    expiresAt: '',
  };
}

/** "audience.departmentIds[0]" → "audience"; unknown keys → null (shown in the summary). */
export function fieldForKey(key: string): FieldName | null {
  const root = key.split(/[.[]/)[0] ?? '';
  return (FIELD_NAMES as readonly string[]).includes(root) ? (root as FieldName) : null;
}

export interface MappedErrors {
  byField: Partial<Record<FieldName, string>>;
  other: string[];
}

export function mapFieldErrors(fields: FieldErrors): MappedErrors {
  const byField: Partial<Record<FieldName, string>> = {};
  const other: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    const field = fieldForKey(key);
    // '' and '_' are the API's "whole request" keys.
    if (!field) other.push(key && key !== '_' ? `${key}: ${message}` : message);
    else byField[field] = byField[field] && byField[field] !== message ? `${byField[field]} ${message}` : message;
  }
  return { byField, other };
}

/** Checks the API would make anyway, done early; messages are dictionary keys. */
export function validate(values: ComposerValues, timeZone?: string): Partial<Record<FieldName, MessageKey>> {
  const errors: Partial<Record<FieldName, MessageKey>> = {};
  if (!values.title.trim()) errors.title = 'validation.title';
  if (!values.body.trim()) errors.body = 'validation.body';
  if (values.channels.length === 0) errors.channels = 'validation.channels';
  if (values.audienceType === 'departments' && values.departmentIds.length === 0) errors.audience = 'validation.departments';
  const hours = values.remindAfterHours.trim();
  if (values.requireAck && hours && !(/^\d+$/.test(hours) && Number(hours) >= 1 && Number(hours) <= 720)) {
    errors.remindAfterHours = 'life.composer.remindRange';
  }
  const scheduled = values.scheduledAt ? localInputToIso(values.scheduledAt, timeZone) : null;
  const expires = values.expiresAt ? localInputToIso(values.expiresAt, timeZone) : null;
  if (values.scheduledAt && !scheduled) errors.scheduledAt = 'validation.date';
  if (values.expiresAt && !expires) errors.expiresAt = 'validation.date';
  else if (expires && Date.parse(expires) <= Date.parse(scheduled ?? new Date().toISOString())) {
    errors.expiresAt = 'validation.expiry';
  }
  return errors;
}

export function toPayload(values: ComposerValues, timeZone?: string): NewAnnouncement {
  const payload: NewAnnouncement = {
    title: values.title.trim(),
    body: values.body,
    audience:
      values.audienceType === 'all' ? { type: 'all' } : { type: 'departments', departmentIds: values.departmentIds },
    channels: values.channels,
    priority: values.priority,
    requireAck: values.requireAck,
  };
  const scheduledAt = values.scheduledAt ? localInputToIso(values.scheduledAt, timeZone) : null;
  const expiresAt = values.expiresAt ? localInputToIso(values.expiresAt, timeZone) : null;
  if (scheduledAt) payload.scheduledAt = scheduledAt;
  if (expiresAt) payload.expiresAt = expiresAt;
  if (values.requireAck && values.remindAfterHours.trim()) payload.remindAfterHours = Number(values.remindAfterHours.trim());
  return payload;
}

/** The field (for errors) that a value of the form belongs to. */
export function fieldOfValue(key: keyof ComposerValues): FieldName {
  return key === 'audienceType' || key === 'departmentIds' ? 'audience' : key;
}
