import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults for a machine with local Postgres and Redis', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, services: { api: true, worker: true }, smtpUrl: undefined, slackToken: undefined });
    expect(c.slackApiUrl).toBe('https://slack.com/api/');
  });
  it('runs a subset of services', () => {
    expect(loadConfig({ HERALDO_SERVICES: 'worker' }).services).toEqual({ api: false, worker: true });
    expect(loadConfig({ HERALDO_SERVICES: 'api' }).services).toEqual({ api: true, worker: false });
    expect(() => loadConfig({ HERALDO_SERVICES: 'nothing' })).toThrow(/HERALDO_SERVICES/);
  });
  it('treats blank optional values as unset and names what is wrong', () => {
    expect(loadConfig({ SMTP_URL: '  ' }).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });
});

describe('IMAGE_HOSTS', () => {
  it('is a list of https origins, none by default, and names a bad entry', () => {
    expect(loadConfig({}).imageHosts).toEqual([]);
    expect(loadConfig({ IMAGE_HOSTS: 'https://img.example.com, https://cdn.example.org:8443/ ,https://img.example.com' }).imageHosts).toEqual([
      'https://img.example.com',
      'https://cdn.example.org:8443',
    ]);
    for (const bad of ['http://img.example.com', 'img.example.com', 'https://img.example.com/path', 'https://u:p@img.example.com']) {
      expect(() => loadConfig({ IMAGE_HOSTS: bad }), bad).toThrow(/IMAGE_HOSTS/);
    }
  });
});

describe('first run', () => {
  it('says in one line what to set when production lacks a session secret', () => {
    for (const secret of [undefined, 'short']) {
      const run = () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret });
      expect(run).toThrow(/^SESSION_SECRET is not set .*export SESSION_SECRET=\$\(openssl rand -hex 32\)/);
      expect(() => run()).not.toThrow(/\n/);
    }
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
  });
  it('points links at the Vite dev server under `npm run dev`, unless PUBLIC_URL says otherwise', () => {
    expect(loadConfig({}, ['node', 'main.ts', '--web-dev-server']).publicUrl).toBe('http://localhost:5173');
    expect(loadConfig({ WEB_PORT: '5200', PORT: '4000' }, ['node', 'main.ts', '--web-dev-server']).publicUrl).toBe('http://localhost:5200');
    expect(loadConfig({ PUBLIC_URL: 'https://hub.example.com' }, ['--web-dev-server']).publicUrl).toBe('https://hub.example.com');
    expect(loadConfig({ PORT: '4000' }, ['node', 'main.ts']).publicUrl).toBe('http://localhost:4000');
  });
});
