// Slack Block Kit blocks as Slack shows them: mrkdwn rendered (bold, italics, links by their
// text, entities decoded), plain_text with its entities decoded. Unknown blocks show their text.
import type { ReactNode } from 'react';
import { renderMrkdwn } from '../../lib/mrkdwn';

type Block = Record<string, unknown>;

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A text object (or a bare string, read as mrkdwn) as Slack displays it. */
function show(value: unknown): ReactNode[] {
  if (typeof value === 'string') return renderMrkdwn(value);
  if (!value || typeof value !== 'object') return [];
  const o = value as { type?: unknown; text?: unknown; alt_text?: unknown };
  if (o.type === 'image') return typeof o.alt_text === 'string' ? [o.alt_text] : [];
  if (typeof o.text !== 'string') return show(o.text);
  return o.type === 'plain_text' ? [decode(o.text)] : renderMrkdwn(o.text);
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'header':
      return <p className="slack-header">{show(block.text)}</p>;
    case 'divider':
      return <hr />;
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields.map(show).filter((f) => f.length) : [];
      const text = show(block.text);
      return (
        <div className="slack-section">
          {text.length > 0 && <p>{text}</p>}
          {fields.length > 0 && (
            <ul>
              {fields.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          )}
        </div>
      );
    }
    case 'context':
    case 'actions': {
      const parts = Array.isArray(block.elements) ? block.elements.map(show).filter((p) => p.length) : [];
      return (
        <p className={`slack-${block.type}`}>
          {parts.map((p, i) => (
            <span key={i}>
              {i > 0 && ' · '}
              {p}
            </span>
          ))}
        </p>
      );
    }
    default: {
      const text = show(block.text);
      return text.length ? <p>{text}</p> : null;
    }
  }
}

export function SlackBlocks({ blocks, fallback }: { blocks: unknown[]; fallback: string }) {
  const list = blocks.filter((b): b is Block => Boolean(b) && typeof b === 'object');
  if (list.length === 0) return <p className="slack-text">{renderMrkdwn(fallback)}</p>;
  return (
    <div className="slack-blocks">
      {list.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  );
}
