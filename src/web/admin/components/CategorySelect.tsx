/** Pick a category from the tenant's tree, searchable by name, path and keywords (the keyword that matched in grey). */
import { useMemo } from 'react';
import { Cascader } from 'antd';
import { useLookups } from '../app/lookups.tsx';
import { useI18n } from '../app/i18n.tsx';
import { categoryHit, hitRank } from './category-search.ts';

interface Option { value: number; label: string; keywords: string[]; children?: Option[] }

/** The category picker; the value is the chosen category's id (a leaf or a top-level category). */
export function CategorySelect({ value, onChange, placeholder, id }: { value?: number | null; onChange?: (v: number | null) => void; placeholder?: string; id?: string }) {
  const { categories } = useLookups();
  const { lang } = useI18n();
  const { options, pathOf } = useMemo(() => {
    const byParent = new Map<number | null, Option[]>();
    for (const c of categories) {
      const list = byParent.get(c.parentId) ?? [];
      list.push({ value: c.id, label: c.name, keywords: c.keywords });
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
  const search = useMemo(() => ({
    filter: (text: string, path: Option[]) => categoryHit(text, path) !== null,
    sort: (a: Option[], b: Option[], text: string) => hitRank(text, a) - hitRank(text, b),
    render: (text: string, path: Option[]) => {
      const hit = categoryHit(text, path);
      return (
        <span data-testid="category-search-option">
          {path.map((o) => o.label).join(' / ')}
          {hit?.by === 'keyword' && <span className="yx-muted" style={{ marginLeft: 8 }}>{lang === 'zh' ? `关键词：${hit.keyword}` : `keyword: ${hit.keyword}`}</span>}
        </span>
      );
    },
  }), [lang]);
  return (
    <Cascader
      id={id}
      style={{ width: '100%' }}
      options={options}
      value={value ? pathOf(value) : undefined}
      onChange={(path) => onChange?.(path && path.length ? Number(path[path.length - 1]) : null)}
      changeOnSelect
      showSearch={search}
      placeholder={placeholder}
    />
  );
}
