// The email preview: the server-rendered email in a sandboxed frame as tall as the email, so
// nothing is cropped on a phone. The frame may run no script (no allow-scripts); it shares our
// origin only so that this page can measure the height of what it shows.
import { useCallback, useEffect, useRef, useState } from 'react';

interface Props {
  html: string;
  title: string;
}

export function EmailFrame({ html, title }: Props) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);

  const measure = useCallback(() => {
    const doc = ref.current?.contentDocument;
    if (!doc?.documentElement) return;
    // The body's height, not the frame's: scrollHeight never goes below the frame's own.
    const body = doc.body;
    const h = Math.max(body?.scrollHeight ?? 0, body?.offsetHeight ?? 0, doc.documentElement.offsetHeight);
    if (h > 0) setHeight(Math.ceil(h) + 2);
  }, []);

  useEffect(() => {
    // A narrower window wraps the email onto more lines (a phone turned, a resized window).
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);

  return (
    <iframe
      ref={ref}
      sandbox="allow-same-origin"
      srcDoc={html}
      title={title}
      className="email-frame"
      data-testid="email-frame"
      onLoad={measure}
      style={height ? { height: `${height}px` } : undefined}
    />
  );
}
