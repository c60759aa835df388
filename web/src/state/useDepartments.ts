// GET /api/departments, fetched once per page load and shared.
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Department } from '../types';

let cache: Promise<Department[]> | null = null;

export function fetchDepartments(): Promise<Department[]> {
  if (!cache) {
    cache = api
      .get<Department[]>('/api/departments')
      .then((list) => (Array.isArray(list) ? list.map((d) => ({ ...d, id: String(d.id) })) : []))
      .catch((err: unknown) => {
        cache = null;
        throw err;
      });
  }
  return cache;
}

export function useDepartments(): { departments: Department[]; failed: boolean } {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetchDepartments().then(
      (list) => live && setDepartments(list),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return { departments, failed };
}
