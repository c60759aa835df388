// A moment as people read it in a list: the absolute date and time (in the person's zone and
// language) with how long ago it was beside it, in one <time> whose title repeats the
// absolute. The relative part follows the clock (re-rendered every minute).
import { useEffect, useState } from 'react';
import { useI18n } from '../i18nContext';
import { relativeTime } from '../lib/relative';

const TICK_MS = 60_000;

export function When({ iso, className }: { iso: string | null | undefined; className?: string }) {
  const { locale, formatDate } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!iso) return null;
  const absolute = formatDate(iso);
  return (
    <time dateTime={iso} title={absolute} className={className} data-testid="when">
      {absolute} <span className="when-relative">({relativeTime(iso, locale, now)})</span>
    </time>
  );
}
