// The composer's drafts on the server (GET/PUT/DELETE /api/drafts): the form's values as a
// draft and back. A draft is half-written by nature: whatever it holds that the form cannot
// use falls back to the form's defaults.
import { api, request } from '../api';
import { CHANNELS, PRIORITIES, type Channel, type Priority } from '../types';
import type { ComposerValues } from './composerForm';

export interface Draft {
  id: string;
  title: string;
  body: string;
  fields: Partial<Omit<ComposerValues, 'title' | 'body'>>;
  updatedAt: string;
}

/** A new draft id (a UUID v4: the server takes the composer's id, PUT creates or updates). */
export function newDraftId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function toDraft(values: ComposerValues): Omit<Draft, 'id' | 'updatedAt'> {
  const { title, body, ...fields } = values;
  return { title, body, fields };
}

const isString = (v: unknown): v is string => typeof v === 'string';

export function fromDraft(draft: Pick<Draft, 'title' | 'body' | 'fields'>, base: ComposerValues): ComposerValues {
  const f = draft.fields ?? {};
  return {
    title: draft.title,
    body: draft.body,
    audienceType: f.audienceType === 'all' || f.audienceType === 'departments' ? f.audienceType : base.audienceType,
    departmentIds: Array.isArray(f.departmentIds) ? f.departmentIds.filter(isString) : base.departmentIds,
    channels: Array.isArray(f.channels) ? CHANNELS.filter((c: Channel) => f.channels!.includes(c)) : base.channels,
    priority: PRIORITIES.includes(f.priority as Priority) ? (f.priority as Priority) : base.priority,
    requireAck: typeof f.requireAck === 'boolean' ? f.requireAck : base.requireAck,
    remindAfterHours: isString(f.remindAfterHours) ? f.remindAfterHours : base.remindAfterHours,
    scheduledAt: isString(f.scheduledAt) ? f.scheduledAt : base.scheduledAt,
    expiresAt: isString(f.expiresAt) ? f.expiresAt : base.expiresAt,
  };
}

export const listDrafts = async () => (await api.get<{ items: Draft[] }>('/api/drafts')).items;
export const saveDraft = (id: string, values: ComposerValues) =>
  request<Draft>('PUT', `/api/drafts/${encodeURIComponent(id)}`, { body: toDraft(values) });
export const deleteDraft = (id: string) => api.delete<void>(`/api/drafts/${encodeURIComponent(id)}`);
