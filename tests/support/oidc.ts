// A real OpenID provider for tests (`oidc-provider`, the certified Node.js implementation) on
// 127.0.0.1, and a small browser: fetch with a cookie jar per host that follows redirects by
// hand and submits the provider's development login and consent forms.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * `accounts` maps what is typed in the login form to the account's claims. The scope's
 * claims (email, email_verified) come from the userinfo endpoint only, as with many
 * providers: the ID token carries `sub` alone.
 */
export async function startProvider(redirectUris: string[], accounts: Record<string, TestAccount>, port = 0): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'heraldo';
  const clientSecret = 'heraldo-test-client-secret';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: account.emailVerified, name: account.name ?? id };
        },
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A browser's cookie jar, keyed by host:port (enough for 127.0.0.1 test servers). */
export class Browser {
  private jars = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string | null): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    if (value === null) jar.delete(name);
    else jar.set(name, value);
  }

  /** One request, no redirect followed; cookies sent and stored (path and expiry ignored,
   *  except that a cookie set already expired is removed). */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.jars.get(host);
    const headers: Record<string, string> = {};
    if (jar?.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      this.setCookie(url, name, expired ? null : pair!.slice(eq + 1).trim());
    }
    return res;
  }

  /**
   * Follows redirects from `url` until a page that is not a redirect, or until the next hop
   * would go to a URL for which `stopAt` says true (that URL is returned unvisited).
   */
  async follow(url: string, stopAt: (url: string) => boolean = () => false): Promise<{ url: string; res?: Response }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      if (stopAt(current)) return { url: current };
      const res = await this.request(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      await res.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the first form of the page at `pageUrl` (hidden inputs kept, `fields` added). */
  async submitForm(pageUrl: string, html: string, fields: Record<string, string> = {}): Promise<Response> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (!form) throw new Error(`no form on ${pageUrl}: ${html.slice(0, 300)}`);
    const values: Record<string, string> = {};
    for (const input of form[2]!.matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1];
      if (name && value !== undefined) values[name] = value;
    }
    return this.request(new URL(form[1]!, pageUrl).href, { form: { ...values, ...fields } });
  }
}
