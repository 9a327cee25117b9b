/** Pick a category from the tenant's tree, searchable by name. */
import { useMemo } from 'react';
import { Cascader } from 'antd';
import { useLookups } from '../app/lookups.tsx';

interface Option { value: number; label: string; children?: Option[] }

/** The category picker; the value is the chosen category's id (a leaf or a top-level category). */
export function CategorySelect({ value, onChange, placeholder, id }: { value?: number | null; onChange?: (v: number | null) => void; placeholder?: string; id?: string }) {
  const { categories } = useLookups();
  const { options, pathOf } = useMemo(() => {
    const byParent = new Map<number | null, Option[]>();
    for (const c of categories) {
      const list = byParent.get(c.parentId) ?? [];
      list.push({ value: c.id, label: c.name });
      byParent.set(c.parentId, list);
    }
    const attach = (o: Option): Option => {
      const kids = byParent.get(o.value);
      return kids ? { ...o, children: kids.map(attach) } : o;
    };
    const parents = new Map(categories.map((c) => [c.id, c.parentId]));
    return {
      options: (byParent.get(null) ?? []).map(attach),
      pathOf: (id: number) => {
        const p: number[] = [];
        for (let x: number | null | undefined = id; x != null; x = parents.get(x)) p.unshift(x);
        return p;
      },
    };
  }, [categories]);
  return (
    <Cascader
      id={id}
      style={{ width: '100%' }}
      options={options}
      value={value ? pathOf(value) : undefined}
      onChange={(path) => onChange?.(path && path.length ? Number(path[path.length - 1]) : null)}
      changeOnSelect
      showSearch
      placeholder={placeholder}
    />
  );
}
