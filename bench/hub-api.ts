// The hub's public REST API as the bench uses it: sign in once, publish announcements.
import { PASSWORD, PUBLISHER, now } from './util.js';

/** A realistic announcement: a title and a few paragraphs of Markdown (~700 bytes of HTML). */
export const ANNOUNCEMENT_BODY = [
  'The **quarterly all-hands** moves to *Thursday at 10:00* in the main auditorium.',
  '',
  'Agenda:',
  '',
  '- Results of the quarter and the plan for the next one',
  '- New expense policy: receipts through the finance portal from the 1st',
  '- Questions from the floor (send yours in advance to the Communications team)',
  '',
  'Remote colleagues can follow the stream from the intranet; the recording will be in the',
  '[knowledge base](https://intranet.example.com/kb/all-hands) the day after.',
].join('\n');

export async function login(baseUrl: string, email = PUBLISHER): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export interface Published { id: string; sentAt: number; respondedAt: number }

/** The id of one department (by slug), for a smaller warm-up audience. */
export async function departmentId(baseUrl: string, token: string, slug: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/departments`, { headers: { authorization: `Bearer ${token}` } });
  const list = (await res.json()) as { id: string; slug: string }[];
  const found = list.find((d) => d.slug === slug);
  if (!found) throw new Error(`no department ${slug}`);
  return found.id;
}

/** POST /api/announcements to everyone; `sentAt` is taken just before the request leaves. */
export type Audience = { type: 'all' } | { type: 'departments'; departmentIds: string[] };

export async function publish(
  baseUrl: string,
  token: string,
  title: string,
  channels: ('in_app' | 'email')[] = ['in_app'],
  audience: Audience = { type: 'all' },
): Promise<Published> {
  const body = JSON.stringify({ title, body: ANNOUNCEMENT_BODY, audience, channels, priority: 'normal' });
  const sentAt = now();
  const res = await fetch(`${baseUrl}/api/announcements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const respondedAt = now();
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  return { id, sentAt, respondedAt };
}

/** The baseline's equivalent: POST /broadcast with the payload the hub would have sent. */
export async function broadcast(baseUrl: string, payload: Record<string, unknown>): Promise<Published> {
  const body = JSON.stringify(payload);
  const sentAt = now();
  const res = await fetch(`${baseUrl}/broadcast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const respondedAt = now();
  if (res.status !== 204) throw new Error(`broadcast: ${res.status}`);
  return { id: String(payload.announcementId), sentAt, respondedAt };
}
