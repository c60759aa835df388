// An announcement's emails as raw MIME, handed to nodemailer's SMTP pool ready to send.
//
// Why not nodemailer's composer: it builds every message anew (a tree of MIME nodes, fresh
// random boundaries, header normalization, a scan of each part to pick its encoding, a chain
// of streams per part), and that was most of the hub's CPU per email, as much again as the
// SMTP conversation (docs/benchmarks.md). The thousands of messages of one announcement share
// their shape, their sender and their encodings; only a few header values and the filled-in
// text differ. So the fixed head is built once per sender, each part is encoded with
// nodemailer's own quoted-printable and RFC 2047 functions, and nodemailer still speaks SMTP
// (`raw` + `envelope`). Anything unusual (an address that is not plain ASCII, which needs
// punycode or SMTPUTF8) is left to nodemailer's composer: `compose` answers null.
import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWord, encodeWords, foldLines, quoteString } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';

export interface RawMessage {
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface Composed {
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

/** Header values that need no encoding: printable ASCII, no control characters. */
const PRINTABLE = /^[\x20-\x7e]*$/;
/** An address nodemailer would send as it is: ASCII, no quoting, no spaces. */
const PLAIN_ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;

/** A display name as nodemailer writes it: bare for words, quoted for other ASCII, else an encoded word. */
function addressName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (PRINTABLE.test(name)) return quoteString(name);
  return encodeWord(name, 'Q', 52);
}

function mailbox(name: string, address: string): string {
  return name ? `${addressName(name)} <${address}>` : address;
}

/** An unstructured header (the subject): RFC 2047 words where it is not plain ASCII. */
function headerText(value: string): string {
  const flat = value.replace(/\r?\n|\r/g, ' ');
  return PRINTABLE.test(flat) ? flat : encodeWords(flat, 'Q', 52, true);
}

const line = (key: string, value: string) => `${foldLines(`${key}: ${value}`, 76)}\r\n`;

/** Quoted-printable with CRLF line ends and soft breaks at 76, as nodemailer encodes a text part
 *  (a lone CR, which nodemailer would pass on bare, ends a line here). */
function quotedPrintable(text: string): string {
  return qpWrap(qpEncode(text.replace(/\r?\n|\r/g, '\r\n')), 76);
}

/**
 * A composer for messages from `from` (e.g. `Heraldo <heraldo@example.com>`), or null when
 * the sender cannot be written as plain ASCII here (nodemailer's composer takes over).
 */
export function rawComposer(from: string): ((m: RawMessage) => Composed | null) | null {
  const [sender] = addressparser(from, { flatten: true });
  if (!sender?.address || !PLAIN_ADDRESS.test(sender.address)) return null;
  const fromLine = line('From', mailbox(sender.name, sender.address));
  // One boundary for this composer's messages: random, so no text can contain it by chance.
  const boundary = `--_heraldo_${randomBytes(12).toString('hex')}`;
  const partHead = (type: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`;
  const textHead = partHead('text/plain');
  const htmlHead = partHead('text/html');
  const tail = `\r\n--${boundary}--\r\n`;
  const typeLine = `Content-Type: multipart/alternative;\r\n boundary="${boundary}"\r\n`;

  return (m) => {
    if (!PLAIN_ADDRESS.test(m.to.address)) return null;
    let head = fromLine + line('To', mailbox(m.to.name, m.to.address)) + line('Subject', headerText(m.subject)) + line('Message-ID', m.messageId);
    for (const [key, value] of Object.entries(m.headers)) {
      if (!PRINTABLE.test(value)) return null;
      head += line(key, value);
    }
    head += line('Date', new Date().toUTCString().replace(/GMT/, '+0000')) + 'MIME-Version: 1.0\r\n' + typeLine;
    const raw = `${head}\r\n${textHead}${quotedPrintable(m.text)}\r\n${htmlHead}${quotedPrintable(m.html)}${tail}`;
    return { envelope: { from: sender.address, to: [m.to.address] }, raw: Buffer.from(raw, 'utf8') };
  };
}
