/**
 * Step 2: what each column of the file becomes (from the server's suggestion, a saved mapping, or chosen here),
 * defaults for cells left empty, and the value mapping of enumerated columns (status, channel, kind, call-back)
 * listing the values seen in the first rows with how the server would read them.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, Flex, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import type { IssueStatus } from '../../../../shared/lifecycle.ts';
import { listMappings, saveMapping, type ImportField, type ImportMapping, type SavedMapping, type UploadedFile } from './imports-api.ts';
import { applySaved, cleanMapping, columnOf, distinctValues, ENUM_CODES, ENUM_FIELDS, recognise, REQUIRED_FIELDS, setColumn, setValue, type EnumField } from './mapping-edit.ts';
import { useWords } from './words.ts';

interface Props {
  file: UploadedFile;
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
  onBack: () => void;
  onNext: () => void;
}

/** The Select value for "not imported". */
const EXTRA = '__extra__';
const NO_ADDED: Record<EnumField, string[]> = { status: [], channel: [], kind: [], callbackResult: [] };

/** What a source value becomes: the status as the ledger shows it, a name, or a warning when nothing is known. */
function EffectiveValue({ field, code }: { field: EnumField; code: string | undefined }) {
  const w = useWords();
  const { n } = useI18n();
  if (!code) return <Tag color="warning" style={{ marginInlineEnd: 0 }}>{w('unknownShort')}</Tag>;
  if (field === 'status') return <StatusTag status={code as IssueStatus} />;
  return <Tag style={{ marginInlineEnd: 0 }}>{n(ENUM_CODES[field].names[code])}</Tag>;
}

/** The mapping step. */
export function MappingStep({ file, mapping, onChange, onBack, onNext }: Props) {
  const w = useWords();
  const { n } = useI18n();
  const { message } = App.useApp();
  const { units } = useLookups();
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [savedPick, setSavedPick] = useState<number | undefined>(undefined);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<Record<EnumField, string[]>>(NO_ADDED);
  const [adding, setAdding] = useState<Record<EnumField, string>>({ status: '', channel: '', kind: '', callbackResult: '' });

  useEffect(() => {
    listMappings().then(setSaved, () => setSaved([]));
  }, []);

  const fieldName = (f: ImportField) => n(file.fields.find((x) => x.field === f)) || f;
  const fieldOptions = [{ value: EXTRA, label: w('keepExtra') }, ...file.fields.map((f) => ({ value: f.field, label: n(f) }))];
  const codeOptions = (f: EnumField) => ENUM_CODES[f].codes.map((c) => ({ value: c, label: n(ENUM_CODES[f].names[c]) }));
  const searchable = { showSearch: { optionFilterProp: 'label' as const } };
  const unitOptions = useMemo(() => units.filter((u) => u.active).map((u) => ({ value: u.name, label: `${u.name} · ${u.code}` })), [units]);

  const setField = (header: string, value: string) => {
    const r = setColumn(mapping, header, value === EXTRA ? undefined : (value as ImportField));
    onChange(r.mapping);
    if (r.moved) message.info(w('moved', { field: fieldName(value as ImportField), col: r.moved }));
  };
  const setDefault = (patch: NonNullable<ImportMapping['defaults']>) => onChange({ ...mapping, defaults: { ...mapping.defaults, ...patch } });

  const apply = () => {
    const s = saved.find((x) => x.id === savedPick);
    if (!s) return;
    const r = applySaved(s.mapping, file.header);
    onChange(r.mapping);
    setName(s.name);
    message.success(w('applied', { name: s.name, n: r.matched }));
  };
  const save = async () => {
    const nm = name.trim();
    if (!nm) { message.warning(w('nameRequired')); return; }
    setSaving(true);
    try {
      const s = await saveMapping(nm, cleanMapping(mapping));
      setSaved((list) => [...list.filter((x) => x.name !== s.name), s].sort((a, b) => a.name.localeCompare(b.name, 'zh')));
      setSavedPick(s.id);
      message.success(w('savedOk', { name: s.name }));
    } catch (e) {
      message.error(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const addValue = (f: EnumField) => {
    const v = adding[f].trim();
    if (!v) return;
    setAdded((a) => ({ ...a, [f]: a[f].includes(v) ? a[f] : [...a[f], v] }));
    setAdding((a) => ({ ...a, [f]: '' }));
  };
  const removeValue = (f: EnumField, v: string) => {
    setAdded((a) => ({ ...a, [f]: a[f].filter((x) => x !== v) }));
    onChange(setValue(mapping, f, v, undefined));
  };

  const missing = REQUIRED_FIELDS.filter((f) => !columnOf(mapping, f)).map(fieldName);
  if (!columnOf(mapping, 'orgUnit') && !mapping.defaults?.orgUnit?.trim()) missing.push(fieldName('orgUnit'));
  const enumBlocks = ENUM_FIELDS.map((f) => ({ f, col: columnOf(mapping, f) })).filter((x): x is { f: EnumField; col: string } => x.col !== undefined);

  const rows = file.header.map((h, i) => ({ key: i, header: h, examples: distinctValues(file.header, file.sample, h).slice(0, 3) }));

  const columnsCard = (
    <Card size="small" title={w('columnsTitle')} data-testid="import-columns">
      <Flex wrap gap={8} style={{ marginBottom: 8 }} align="center">
        <Space.Compact>
          <Select
            id="import-saved"
            style={{ width: 190 }}
            placeholder={w('pickSaved')}
            aria-label={w('savedMappings')}
            value={savedPick}
            onChange={setSavedPick}
            options={saved.map((s) => ({ value: s.id, label: s.name }))}
            notFoundContent={<Typography.Text type="secondary">{w('none')}</Typography.Text>}
            data-testid="import-saved"
            {...searchable}
          />
          <Button onClick={apply} disabled={savedPick === undefined} data-testid="import-apply-saved">{w('apply')}</Button>
        </Space.Compact>
        <Space.Compact>
          <Input
            id="import-mapping-name"
            style={{ width: 150 }}
            placeholder={w('mappingName')}
            aria-label={w('mappingName')}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            onPressEnter={() => void save()}
            data-testid="import-mapping-name"
          />
          <Button icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="import-save-mapping">{w('saveMapping')}</Button>
        </Space.Compact>
      </Flex>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 520 }}
        columns={[
          { key: 'header', title: w('sourceColumn'), width: 140, render: (_, r) => <Typography.Text strong>{r.header}</Typography.Text> },
          {
            key: 'examples', title: w('examples'), ellipsis: true,
            render: (_, r) => <Typography.Text type="secondary" title={r.examples.join('、')}>{r.examples.join('、') || '—'}</Typography.Text>,
          },
          {
            key: 'target', title: w('target'), width: 230,
            render: (_, r) => (
              <Select
                id={`import-col-${r.key}`}
                aria-label={`${w('target')}: ${r.header}`}
                style={{ width: '100%' }}
                value={mapping.columns[r.header] ?? EXTRA}
                onChange={(v: string) => setField(r.header, v)}
                options={fieldOptions}
                data-testid="import-column-select"
                data-column={r.header}
                data-field={mapping.columns[r.header] ?? ''}
                {...searchable}
              />
            ),
          },
        ]}
      />
    </Card>
  );

  const defaultsCard = (
    <Card size="small" title={w('defaultsTitle')} data-testid="import-defaults">
      <Form layout="vertical" component="div">
        <Row gutter={12}>
          <Col xs={12} md={6} xl={12}>
            <Form.Item label={w('defaultChannel')} htmlFor="import-default-channel" style={{ marginBottom: 8 }}>
              <Select id="import-default-channel" allowClear placeholder={w('none')} value={mapping.defaults?.channel}
                onChange={(v) => setDefault({ channel: v })} options={codeOptions('channel') as { value: NonNullable<ImportMapping['defaults']>['channel']; label: string }[]} {...searchable} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={12}>
            <Form.Item label={w('defaultKind')} htmlFor="import-default-kind" style={{ marginBottom: 8 }}>
              <Select id="import-default-kind" allowClear placeholder={w('none')} value={mapping.defaults?.kind}
                onChange={(v) => setDefault({ kind: v })} options={codeOptions('kind') as { value: NonNullable<ImportMapping['defaults']>['kind']; label: string }[]} {...searchable} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={12}>
            <Form.Item label={w('defaultPlace')} htmlFor="import-default-place" style={{ marginBottom: 0 }}>
              <AutoComplete id="import-default-place" allowClear placeholder={w('placeHint')} value={mapping.defaults?.orgUnit ?? ''}
                onChange={(v: string) => setDefault({ orgUnit: v })} options={unitOptions}
                showSearch={{ filterOption: (input, o) => String(o?.label ?? '').toLowerCase().includes(input.trim().toLowerCase()) }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={12}>
            <Form.Item label={w('defaultStatus')} htmlFor="import-default-status" style={{ marginBottom: 0 }}>
              <Select id="import-default-status" allowClear placeholder={w('statusHint')} value={mapping.defaults?.status}
                onChange={(v) => setDefault({ status: v })} options={codeOptions('status') as { value: NonNullable<ImportMapping['defaults']>['status']; label: string }[]} {...searchable} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );

  const valuesCard = (
    <Card size="small" title={w('valuesTitle')} data-testid="import-values">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{w('valuesIntro')}</Typography.Paragraph>
      {enumBlocks.length === 0 && <Typography.Text type="secondary">{w('valuesNone')}</Typography.Text>}
      <Flex vertical gap={12}>
        {enumBlocks.map(({ f, col }) => {
          const map = (mapping.values?.[f] ?? {}) as Record<string, string>;
          const values = distinctValues(file.header, file.sample, col, [...Object.keys(map), ...added[f]]);
          return (
            <div key={f} data-testid={`import-values-${f}`}>
              <Typography.Text strong>{w('valuesOf', { field: fieldName(f), col })}</Typography.Text>
              <Table
                size="small"
                pagination={false}
                style={{ marginTop: 4 }}
                dataSource={values.map((v, i) => ({ key: v, value: v, i }))}
                columns={[
                  { key: 'value', title: w('sourceValue'), width: 130, ellipsis: true, render: (_, r) => r.value },
                  {
                    key: 'code', title: w('becomes'),
                    render: (_, r) => {
                      const auto = recognise(f, r.value);
                      const chosen = map[r.value];
                      return (
                        <Flex gap={6} align="center">
                          <Select
                            id={`import-value-${f}-${r.i}`}
                            aria-label={`${fieldName(f)}: ${r.value}`}
                            style={{ flex: 1, minWidth: 120 }}
                            allowClear
                            value={chosen}
                            placeholder={auto ? w('auto', { name: n(ENUM_CODES[f].names[auto]) }) : w('unknown')}
                            status={!chosen && !auto ? 'warning' : undefined}
                            onChange={(v?: string) => onChange(setValue(mapping, f, r.value, v))}
                            options={codeOptions(f)}
                            data-testid="import-value-select"
                            data-value={r.value}
                            {...searchable}
                          />
                          <span style={{ flex: 'none', width: 112, overflow: 'hidden' }}><EffectiveValue field={f} code={chosen ?? auto} /></span>
                          {added[f].includes(r.value) && (
                            <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={`${w('remove')} ${r.value}`} onClick={() => removeValue(f, r.value)} />
                          )}
                        </Flex>
                      );
                    },
                  },
                ]}
              />
              <Space.Compact style={{ marginTop: 6 }}>
                <Input size="small" style={{ width: 170 }} placeholder={w('addValuePlaceholder')} aria-label={`${w('addValue')}: ${fieldName(f)}`}
                  value={adding[f]} onChange={(e) => setAdding((a) => ({ ...a, [f]: e.target.value }))} onPressEnter={() => addValue(f)} />
                <Button size="small" onClick={() => addValue(f)}>{w('add')}</Button>
              </Space.Compact>
            </div>
          );
        })}
      </Flex>
    </Card>
  );

  return (
    <Flex vertical gap={12} data-testid="import-mapping">
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>{columnsCard}</Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            {defaultsCard}
            {valuesCard}
          </Flex>
        </Col>
      </Row>
      {missing.length > 0 && <Alert type="warning" showIcon title={w('missingRequired', { fields: missing.join('、') })} data-testid="import-missing" />}
      <Flex justify="space-between">
        <Button onClick={onBack}>{w('back')}</Button>
        <Button type="primary" onClick={onNext} data-testid="import-dry-run">{w('runDryRun')}</Button>
      </Flex>
    </Flex>
  );
}
