/** Org units and categories, loaded once per login and shared by every screen. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get } from '../api/client.ts';
import type { Category, OrgUnit } from '../api/types.ts';

interface Lookups {
  units: OrgUnit[];
  categories: Category[];
  unitName: (id: number | null | undefined) => string;
  categoryName: (id: number | null | undefined) => string;
  /** `城乡建设 / 城市建设和市政管理` */
  categoryPath: (id: number | null | undefined) => string;
  reload: () => void;
}

const Ctx = createContext<Lookups | null>(null);

/** Loads the lookups for the logged-in user. */
export function LookupsProvider({ children }: { children: ReactNode }) {
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [gen, setGen] = useState(0);
  useEffect(() => {
    get<{ items: OrgUnit[] }>('/api/v1/org-units').then((r) => setUnits(r.items), () => undefined);
    get<{ items: Category[] }>('/api/v1/categories').then((r) => setCategories(r.items), () => undefined);
  }, [gen]);
  const reload = useCallback(() => setGen((g) => g + 1), []);
  const value = useMemo<Lookups>(() => {
    const u = new Map(units.map((x) => [x.id, x]));
    const c = new Map(categories.map((x) => [x.id, x]));
    return {
      units, categories, reload,
      // A unit outside the user's scope is not in the list: screens show the name the API gave; never its id.
      unitName: (id) => (id == null ? '—' : u.get(id)?.name ?? '…'),
      categoryName: (id) => (id == null ? '—' : c.get(id)?.name ?? `#${id}`),
      categoryPath: (id) => {
        if (id == null) return '—';
        const parts: string[] = [];
        for (let x = c.get(id); x; x = x.parentId ? c.get(x.parentId) : undefined) parts.unshift(x.name);
        return parts.join(' / ') || `#${id}`;
      },
    };
  }, [units, categories, reload]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The shared lookups. */
export function useLookups(): Lookups {
  const v = useContext(Ctx);
  if (!v) throw new Error('useLookups outside LookupsProvider');
  return v;
}
