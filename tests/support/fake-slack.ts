// A local HTTP server that answers like the Slack Web API's chat.postMessage, chat.update,
// chat.delete and users.lookupByEmail, with knobs to make it fail the ways Slack does (429
// with Retry-After, 5xx, ok:false errors).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackPost {
  channel: string;
  text: string;
  blocks: unknown[];
  token: string | undefined;
  /** The message's id in its channel, as Slack gives it. */
  ts: string;
  /** Set by chat.delete: the message is gone from the channel. */
  deleted?: boolean;
}

/** One chat.update or chat.delete call that found its message. */
export interface SlackChange {
  method: 'chat.update' | 'chat.delete';
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
}

export interface FakeSlack {
  url: string;
  posts: SlackPost[];
  /** chat.update / chat.delete calls that changed a message, in order. */
  changes: SlackChange[];
  /** Every request seen, including refused ones. */
  requests: number;
  /** When each chat.postMessage request arrived (ms), refused ones included. */
  postTimes: number[];
  /** Answer the next `count` requests (Infinity: every one, until set to 0) with HTTP 429 and
   *  this Retry-After (seconds). */
  rateLimit(count: number, retryAfterSeconds: number): void;
  /** Answer the next `count` requests with this HTTP status. */
  failHttp(count: number, status: number): void;
  /** Channels that do not exist: answered with ok:false, error channel_not_found. */
  missingChannels: Set<string>;
  /** Slack accounts by email, for users.lookupByEmail (others: ok:false users_not_found). A
   *  post to one of these ids is a direct message to that person. */
  users: Map<string, string>;
  stop(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const posts: SlackPost[] = [];
  const changes: SlackChange[] = [];
  let limited = 0;
  let retryAfter = 1;
  let failing = 0;
  let failStatus = 500;
  const fake: Partial<FakeSlack> = { posts, changes, requests: 0, postTimes: [], missingChannels: new Set(), users: new Map() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fake.requests! += 1;
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const method = /\/(chat\.(?:postMessage|update|delete)|users\.lookupByEmail)$/.exec(req.url ?? '')?.[1] as
        | 'chat.postMessage' | 'users.lookupByEmail' | SlackChange['method'] | undefined;
      if (!method) return reply(404, { ok: false, error: 'unknown_method' });
      if (method === 'chat.postMessage') fake.postTimes!.push(Date.now());
      if (limited > 0) {
        limited--;
        return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      if (failing > 0) {
        failing--;
        return reply(failStatus, { ok: false, error: 'internal_error' });
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const params: Record<string, unknown> = type.includes('json')
        ? JSON.parse(raw)
        : Object.fromEntries(new URLSearchParams(raw));
      const blocks = typeof params.blocks === 'string' ? JSON.parse(params.blocks) : (params.blocks ?? []);
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (params.token as string | undefined);
      if (token !== 'xoxb-test') return reply(200, { ok: false, error: 'invalid_auth' });
      if (method === 'users.lookupByEmail') {
        const id = fake.users!.get(String(params.email ?? '').toLowerCase());
        return reply(200, id ? { ok: true, user: { id, profile: { email: params.email } } } : { ok: false, error: 'users_not_found' });
      }
      const channel = String(params.channel);
      if (fake.missingChannels!.has(channel)) return reply(200, { ok: false, error: 'channel_not_found' });
      if (method === 'chat.postMessage') {
        const ts = `${Math.floor(Date.now() / 1000)}.${String(posts.length + 1).padStart(6, '0')}`;
        posts.push({ channel, text: String(params.text ?? ''), blocks, token, ts });
        return reply(200, { ok: true, channel, ts, message: { type: 'message', text: params.text, ts } });
      }
      // chat.update and chat.delete find the message by channel and ts, as Slack does.
      const ts = String(params.ts ?? '');
      const post = posts.find((p) => p.channel === channel && p.ts === ts && !p.deleted);
      if (!post) return reply(200, { ok: false, error: 'message_not_found' });
      if (method === 'chat.update') {
        post.text = String(params.text ?? '');
        post.blocks = blocks;
        changes.push({ method, channel, ts, text: post.text, blocks });
        return reply(200, { ok: true, channel, ts, text: post.text, message: { type: 'message', text: post.text, blocks } });
      }
      post.deleted = true;
      changes.push({ method, channel, ts });
      reply(200, { ok: true, channel, ts });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/api/`,
    rateLimit(count: number, seconds: number) {
      limited = count;
      retryAfter = seconds;
    },
    failHttp(count: number, status: number) {
      failing = count;
      failStatus = status;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeSlack;
}
