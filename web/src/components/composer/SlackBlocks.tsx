// A plain, readable rendering of Slack Block Kit blocks (text only, no Slack markup parsing).

type Block = Record<string, unknown>;

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'text' in value) return textOf((value as { text: unknown }).text);
  return '';
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case 'header':
      return <p className="slack-header">{textOf(block.text)}</p>;
    case 'divider':
      return <hr />;
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields.map(textOf).filter(Boolean) : [];
      return (
        <div className="slack-section">
          {textOf(block.text) && <p>{textOf(block.text)}</p>}
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
      const parts = Array.isArray(block.elements) ? block.elements.map(textOf).filter(Boolean) : [];
      return <p className={`slack-${block.type}`}>{parts.join(' · ')}</p>;
    }
    default:
      return textOf(block.text) ? <p>{textOf(block.text)}</p> : null;
  }
}

export function SlackBlocks({ blocks, fallback }: { blocks: unknown[]; fallback: string }) {
  const list = blocks.filter((b): b is Block => Boolean(b) && typeof b === 'object');
  if (list.length === 0) return <p className="slack-text">{fallback}</p>;
  return (
    <div className="slack-blocks">
      {list.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  );
}
