// Minimal data loading for a page: { data, error, loading, reload }.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';

export interface Fetched<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useFetch<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): Fetched<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  // `deps` are the values `load` closes over (like useCallback).
  const stableLoad = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const result = await stableLoad();
      if (mine !== generation.current) return;
      setData(result);
      setError(null);
    } catch (err) {
      if (mine !== generation.current) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [stableLoad]);

  useEffect(() => {
    if (!enabled) return;
    void reload();
    return () => {
      generation.current++;
    };
  }, [reload, enabled]);

  return { data, error, loading, reload };
}
