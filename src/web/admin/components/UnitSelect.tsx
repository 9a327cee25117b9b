/**
 * Pick an org unit from the units the user may see: a searchable tree. Typing a name or code filters it and
 * Enter takes the first match (TreeSelect looks up matches through `treeNodeFilterProp`, which would otherwise
 * be the numeric id). Inactive units are shown but cannot be chosen, unless already chosen.
 */
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { OrgLevel } from '../../../shared/enums.ts';
import { useLookups } from '../app/lookups.tsx';

interface Props {
  value?: number | null;
  onChange?: (v: number | null) => void;
  /** Only units of these levels can be chosen (others still show as branches). */
  levels?: readonly OrgLevel[];
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  style?: React.CSSProperties;
}

interface Node { title: string; value: number; key: number; selectable: boolean; disabled: boolean; children: Node[]; search: string }

/** The unit picker. */
export function UnitSelect({ value, onChange, levels, placeholder, allowClear = true, id, style }: Props) {
  const { units } = useLookups();
  const tree = useMemo(() => {
    const nodes = new Map<number, Node>(units.map((u) => [u.id, {
      title: u.name, value: u.id, key: u.id, selectable: !levels || levels.includes(u.level),
      disabled: !u.active && u.id !== value, children: [], search: `${u.name} ${u.code}`.toLowerCase(),
    }]));
    const roots: Node[] = [];
    for (const u of units) {
      const node = nodes.get(u.id)!;
      const parent = u.parentId != null ? nodes.get(u.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [units, levels, value]);
  return (
    <TreeSelect
      id={id}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      treeData={tree}
      showSearch={{ treeNodeFilterProp: 'search' }}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      allowClear={allowClear}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      listHeight={320}
    />
  );
}
