// A corpus of XSS vectors (and Slack mention tricks) written by an author, followed end to end:
// through the API and the workers into the inbox HTML (REST and live), the email HTML (as the
// SMTP server received it) and the Slack post (as Slack received it). Nothing comes out active.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import type { NotificationPayload } from '../../server/inbox/notifications.js';
import { connectLive, createWorld, departmentIds, login, waitUntil, type Client, type LiveClient, type World } from '../support/harness.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { activeContent, slackControls } from '../support/inert.js';
import { decodeWords, mimeParts } from '../support/mime.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const BODY_VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<<script>script>alert(1)<</script>/script>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  '![x](javascript:alert(1))',
  '![x](http://insecure.example/pixel.png)',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](vbscript:msgbox(1))',
  '[a](<javascript:alert(1)>)',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href="java&#0;script:alert(1)">nul</a>',
  '<a href="  javascript:alert(1)">spaces</a>',
  '<a href="https://ok.example" onclick="alert(1)">ok link, bad handler</a>',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<div style="width: expression(alert(1))">ie</div>',
  '<p style="background:url(javascript:alert(1))">bg</p>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>x</details>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<body onload=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<img srcset="javascript:alert(1) 1x">',
  '<x onclick=alert(1)>custom</x>',
  '`<script>alert(1)</script>` in code, and ```<img src=x onerror=alert(1)>```',
  '```html\n<script>alert(1)</script>\n```',
  'Slack: <!channel> <!here> <!everyone> <@U024BE7LH> <@W123|bob> <#C123|general> <!subteam^S123|team> <!date^1392734382^{date}|x>',
  '@channel @here @everyone, and <!channel|channel>',
  '**<!here>** _<!channel>_ ~<!everyone>~ `<!here>`',
  '> <!everyone> in a quote\n\n- <@U1> in a list',
  '[<!here>](https://ok.example.com)',
  '<https://evil.example|https://bank.example>',
  '[bank](https://evil.example|https://bank.example)',
  '&lt;!channel&gt; and &#60;!here&#62; as entities',
];
const TITLE_VECTORS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '<!channel> read this', 'Hi <@U024BE7LH> and <!here>', 'Pay\r\nBcc: attacker@evil.example'];

let world: World;
let node: Heraldo;
let smtp: SmtpSink;
let slack: FakeSlack;
let comms: Client;
let dan: Client;
let live: LiveClient;
const sent: { title: string; body: string; id: string }[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  slack = await startFakeSlack();
  world = await createWorld({ SMTP_URL: smtp.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.url });
  node = await world.start();
  comms = await login(node.url!, 'comms@heraldo.test');
  dan = await login(node.url!, 'dan@heraldo.test'); // the one member of sales
  live = await connectLive(node.url!, { token: dan.token });
  const sales = (await departmentIds(world.prisma)).sales!;
  const all = [
    ...BODY_VECTORS.map((body, i) => ({ title: `Vector ${i}`, body })),
    ...TITLE_VECTORS.map((title, i) => ({ title: `${title} [t${i}]`, body: 'Plain body' })),
  ];
  for (const a of all) {
    const res = await comms.json<{ id: string }>('/api/announcements', {
      method: 'POST',
      body: { ...a, audience: { type: 'departments', departmentIds: [sales] }, channels: ['in_app', 'email', 'slack'], priority: 'urgent' },
    });
    expect(res.status, a.body).toBe(201);
    sent.push({ ...a, id: res.body.id });
  }
  await waitUntil(() => smtp.messages.length >= all.length && slack.posts.length >= all.length && live.received.length >= all.length, 60_000, 'every channel');
}, 90_000);
afterAll(async () => {
  live?.close();
  await world?.close();
  await smtp?.stop();
  await slack?.stop();
});

const notificationOf = async (announcementId: string) =>
  (await world.prisma.notification.findFirstOrThrow({ where: { announcementId } })).id.toString();

describe('XSS through Markdown, end to end', () => {
  it('leaves nothing active in the inbox HTML, over REST and live', { timeout: 15_000 }, async () => {
    const { items } = (await dan.json<{ items: NotificationPayload[] }>('/api/inbox?limit=100')).body;
    for (const a of sent) {
      const item = items.find((n) => n.announcementId === a.id)!;
      expect(activeContent(item.bodyHtml), a.body).toEqual([]);
      expect(item.title).toBe(a.title.trim()); // text, shown as text by the client
      expect(live.received.find((n) => n.announcementId === a.id)?.bodyHtml, a.body).toBe(item.bodyHtml);
    }
  });

  it('leaves nothing active in the email HTML, and the title cannot add headers', { timeout: 15_000 }, async () => {
    for (const a of sent) {
      const id = await notificationOf(a.id);
      const mail = smtp.messages.find((m) => m.header('x-heraldo-notification') === id)!;
      const html = mimeParts(mail.raw).find((p) => p.type === 'text/html')!;
      expect(activeContent(html.body, { document: true }), a.body).toEqual([]);
      expect(mail.to).toEqual(['dan@heraldo.test']);
      expect(mail.header('bcc')).toBeUndefined();
      expect(decodeWords(mail.header('subject')!)).toContain(a.title.split('\r\n')[0]!.trim());
    }
  });

  it('lets no author ping a channel, a group or a person on Slack, nor disguise a link', { timeout: 15_000 }, async () => {
    for (const a of sent) {
      const marker = a.title.match(/\[t\d+\]$|^Vector \d+$/)![0];
      const post = slack.posts.find((p) => JSON.stringify(p.blocks).includes(marker.replace(/[[\]]/g, '')))!;
      expect(post, a.title).toBeDefined();
      const strings: string[] = [post.text];
      const visit = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (Array.isArray(v)) v.forEach(visit);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (o.type === 'mrkdwn') expect(o.verbatim, 'mrkdwn must be verbatim').toBe(true);
          Object.values(o).forEach(visit);
        }
      };
      visit(post.blocks);
      for (const s of strings) {
        expect(slackControls(s), `${a.body} → ${s}`).toEqual([]);
        // A link's label never poses as another address.
        for (const [, url, label] of s.matchAll(/<([^|>]+)\|([^>]*)>/g)) {
          if (/^(https?:|www\.)/i.test(label!)) expect(label, s).toBe(url);
        }
      }
    }
  });
});
