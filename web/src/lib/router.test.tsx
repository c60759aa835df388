// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { adoptPathRoute, parseRoute } from './router';

describe('router', () => {
  it('parses hash routes', () => {
    expect(parseRoute('')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/inbox/42')).toEqual({ name: 'inbox', openId: '42' });
    expect(parseRoute('#/compose')).toEqual({ name: 'compose' });
    expect(parseRoute('#/announcements')).toEqual({ name: 'announcements' });
    expect(parseRoute('#/announcements/abc-1')).toEqual({ name: 'announcement', id: 'abc-1' });
    expect(parseRoute('#/nope')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/inbox/1/2')).toEqual({ name: 'notFound' });
  });

  it('turns path links from email and Slack into hash routes', () => {
    expect(adoptPathRoute({ pathname: '/inbox', hash: '', search: '' })).toBe('/#/inbox');
    expect(adoptPathRoute({ pathname: '/inbox/42/', hash: '', search: '' })).toBe('/#/inbox/42');
    expect(adoptPathRoute({ pathname: '/announcements/x', hash: '', search: '?a=1' })).toBe('/?a=1#/announcements/x');
    expect(adoptPathRoute({ pathname: '/inbox', hash: '#/compose', search: '' })).toBeNull();
    expect(adoptPathRoute({ pathname: '/', hash: '', search: '' })).toBeNull();
    expect(adoptPathRoute({ pathname: '/assets/x.js', hash: '', search: '' })).toBeNull();
  });
});
