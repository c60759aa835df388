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
