/**
 * 联名信 / 集体访 on the intake form (《信访工作条例》第20条): how many signed or came, the names when given, and the
 * representatives they chose — no more than five, which the form says and the server enforces.
 */
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../shared/limits.ts';

/** The form's joint-petition values. */
export interface JointValues { joint?: boolean; signerCount?: number; signerNames?: string; representatives?: Array<{ name?: string; phone?: string }> }

/** What POST /issues takes from them, or nothing for an ordinary petition. */
export function jointBody(v: JointValues) {
  if (!v.joint) return {};
  const names = (v.signerNames ?? '').split(/[\n、,，;；]+/).map((s) => s.trim()).filter(Boolean);
  return {
    joint: {
      signerCount: v.signerCount ?? 2,
      ...(names.length ? { signerNames: names } : {}),
      representatives: (v.representatives ?? []).filter((r) => r?.name?.trim()).map((r) => ({ name: r.name!.trim(), ...(r.phone?.trim() ? { phone: r.phone.trim() } : {}) })),
    },
  };
}

/** The fields. */
export function JointFields({ zh }: { zh: boolean }) {
  const on = Form.useWatch('joint');
  return (
    <>
      <Form.Item name="joint" valuePropName="checked" style={{ marginBottom: on ? 8 : 16 }}>
        <Checkbox id="intake-joint">{zh ? '联名信 / 集体访（多人反映同一事项）' : 'Joint petition / group visit'}</Checkbox>
      </Form.Item>
      {on && (
        <div data-testid="intake-joint" style={{ background: '#fafafa', padding: '12px 12px 0', marginBottom: 16 }}>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="signerCount" label={zh ? '人数（联名或来访）' : 'How many'} rules={[{ required: true, message: zh ? '请填写人数' : 'Required' }]}>
                <InputNumber min={2} max={1_000_000} style={{ width: '100%' }} id="intake-signer-count" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="signerNames" label={zh ? '联名人姓名（可不填，用顿号或换行分隔）' : 'Names (optional)'}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} id="intake-signer-names" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
            {zh ? `推选的代表（不超过 ${LIMITS.representativesMax} 人，《信访工作条例》第二十条）` : `Representatives (at most ${LIMITS.representativesMax}, art. 20)`}
          </Typography.Text>
          <Form.List name="representatives" initialValue={[{}]}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: i === 0, message: zh ? '至少一名代表' : 'At least one' }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={zh ? `代表${i + 1} 姓名` : `Representative ${i + 1}`} data-testid="intake-rep-name" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[{ pattern: /^[0-9+\- ()]*$/, message: zh ? '电话格式不对' : 'Digits only' }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={zh ? '电话' : 'Phone'} inputMode="tel" data-testid="intake-rep-phone" />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" size="small" icon={<PlusOutlined />} style={{ marginBottom: 12 }} disabled={fields.length >= LIMITS.representativesMax}
                  onClick={() => add({})} data-testid="intake-rep-add">{zh ? '添加代表' : 'Add'}</Button>
              </>
            )}
          </Form.List>
        </div>
      )}
    </>
  );
}
