// An announcement's email differs from one recipient to the next only by their name, address
// and inbox link, once the language, time zone and company are fixed. So a batch renders it
// once per (announcement, kind, language, time zone, company) with stand-ins for those three,
// and fills each recipient's values into the gaps: no Handlebars run per message.
//
// It must give exactly what rendering would. Two guards keep it so, whatever the templates do:
// - the email is rendered twice, with two sets of stand-ins of different lengths; if the text
//   around them differs (a helper that cuts, compares or transforms the name), it is not
//   used for that key and every recipient is rendered in full;
// - only values that no escaping changes (letters, digits, inner spaces and `_@.:/+-`, not
//   empty) are
//   filled in; a name with `&`, `'` or `<`, say, is rendered in full, so the escaping of the
//   place it lands in (HTML, text, an attribute) cannot matter.
import type { AnnouncementView, EmailOptions, RecipientView, RenderedEmail } from './types.js';

export type EmailRender = (a: AnnouncementView, r: RecipientView, opts: EmailOptions) => RenderedEmail;

type Slot = 'name' | 'email' | 'url';
interface Part { fragments: string[]; slots: Slot[] }
type Prepared = Record<keyof RenderedEmail, Part> | null;

const STAND_INS: Record<Slot, string>[] = [
  { name: 'Qx7NameStandInZq', email: 'qx7standin@standin.invalid', url: 'https://qx7.standin.invalid/inbox/qx7' },
  { name: 'Wv3Nm', email: 'wv3@w.invalid', url: 'https://wv3.invalid/i' },
];
const SAFE = /^(?! )[\p{L}\p{M}\p{N} _@.:/+-]+(?<! )$/u; // not empty: an empty name could let trimming reach further
const PARTS = ['subject', 'html', 'text'] as const;

function split(out: string, s: Record<Slot, string>): Part {
  const bySlot = new Map<string, Slot>(Object.entries(s).map(([slot, v]) => [v, slot as Slot]));
  const pattern = new RegExp([...bySlot.keys()].map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  const fragments: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const m of out.matchAll(pattern)) {
    fragments.push(out.slice(last, m.index));
    slots.push(bySlot.get(m[0])!);
    last = m.index + m[0].length;
  }
  fragments.push(out.slice(last));
  return { fragments, slots };
}

const same = (x: Part, y: Part) =>
  x.slots.length === y.slots.length && x.slots.every((s, i) => s === y.slots[i]) && x.fragments.every((f, i) => f === y.fragments[i]);

function prepare(render: EmailRender, a: AnnouncementView, locale: string, timezone: string, company: string | undefined): Prepared {
  const outs = STAND_INS.map((s) => render(a, { name: s.name, email: s.email, locale, timezone }, { inboxUrl: s.url, company }));
  const parts = {} as Record<keyof RenderedEmail, Part>;
  for (const p of PARTS) {
    const [first, second] = outs.map((o, i) => split(o[p], STAND_INS[i]!));
    if (!same(first!, second!)) return null;
    parts[p] = first!;
  }
  return parts;
}

function fill(part: Part, values: Record<Slot, string>): string {
  let out = part.fragments[0]!;
  for (let i = 0; i < part.slots.length; i++) out += values[part.slots[i]!] + part.fragments[i + 1]!;
  return out;
}

/**
 * `render`, made cheap for many recipients of one announcement view. Views are told apart by
 * identity: the delivery's view cache hands one object to a batch (and a new one after an edit).
 */
export function fillingRender(render: EmailRender): EmailRender {
  const prepared = new WeakMap<AnnouncementView, Map<string, Prepared>>();
  return (a, r, opts) => {
    const values = { name: r.name, email: r.email, url: opts.inboxUrl };
    if (!SAFE.test(values.name) || !SAFE.test(values.email) || !SAFE.test(values.url)) return render(a, r, opts);
    let byKey = prepared.get(a);
    if (!byKey) prepared.set(a, (byKey = new Map()));
    const key = `${r.locale}\n${r.timezone}\n${opts.company ?? ''}`;
    let p = byKey.get(key);
    if (p === undefined) byKey.set(key, (p = prepare(render, a, r.locale, r.timezone, opts.company)));
    if (!p) return render(a, r, opts);
    return { subject: fill(p.subject, values), html: fill(p.html, values), text: fill(p.text, values) };
  };
}
