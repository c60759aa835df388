// A local HTTP server that answers like the Slack Web API's chat.postMessage, with knobs to
// make it fail the ways Slack does (429 with Retry-After, 5xx, ok:false errors).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackPost {
  channel: string;
  text: string;
  blocks: unknown[];
  token: string | undefined;
}

export interface FakeSlack {
  url: string;
  posts: SlackPost[];
  /** Every request seen, including refused ones. */
  requests: number;
  /** Answer the next `count` requests with HTTP 429 and this Retry-After (seconds). */
  rateLimit(count: number, retryAfterSeconds: number): void;
  /** Answer the next `count` requests with this HTTP status. */
  failHttp(count: number, status: number): void;
  /** Channels that do not exist: answered with ok:false, error channel_not_found. */
  missingChannels: Set<string>;
  stop(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const posts: SlackPost[] = [];
  let limited = 0;
  let retryAfter = 1;
  let failing = 0;
  let failStatus = 500;
  const fake: Partial<FakeSlack> = { posts, requests: 0, missingChannels: new Set() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fake.requests! += 1;
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!req.url?.endsWith('/chat.postMessage')) return reply(404, { ok: false, error: 'unknown_method' });
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
      const channel = String(params.channel);
      if (fake.missingChannels!.has(channel)) return reply(200, { ok: false, error: 'channel_not_found' });
      posts.push({ channel, text: String(params.text ?? ''), blocks, token });
      reply(200, { ok: true, channel, ts: `${Date.now() / 1000}`.padEnd(17, '0') + posts.length });
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
