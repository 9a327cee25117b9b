/** 用户与角色: staff accounts with their role bindings; create, edit, reset a password, disable or enable. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Select, Space, Table, Tag, Typography, type ButtonProps, type FormInstance } from 'antd';
import { DownOutlined, MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROLES, ROLE_NAMES, type Role } from '../../../../shared/enums.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import { get, patch, post } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { useAuth } from '../../app/auth.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useLookups } from '../../app/lookups.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { FormError, errorMessage, formErrorOf, useAdminT } from './common.tsx';

/** A role at a unit; the list names the unit (it may lie outside this admin's unit list). */
type Binding = User['roles'][number];
interface UserValues { username?: string; displayName: string; password?: string; phone?: string; roles: Partial<Binding>[] }
type FormErr = { message: string; rest: Record<string, string> } | null;

const ROLE_COLOURS: Record<Role, string> = { admin: 'red', leader: 'purple', clerk: 'blue', handler: 'cyan', cadre: 'green', inspector: 'gold' };

/** Letters and digits, at least LIMITS.passwordMin long: the server's rule. */
export function strongEnough(p: string): boolean {
  return p.length >= LIMITS.passwordMin && /[A-Za-z]/.test(p) && /\d/.test(p);
}

/** The users tab. */
export default function UsersTab() {
  const t = useAdminT();
  const { n } = useI18n();
  const { me } = useAuth();
  const { unitName } = useLookups();
  const { message, modal } = App.useApp();
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role | undefined>();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const load = useCallback(() => {
    setLoadError(null);
    get<{ items: User[] }>('/api/v1/users').then((r) => setUsers(r.items), (e: unknown) => setLoadError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (users ?? [])
      .filter((u) => !q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q) || (u.phone ?? '').includes(q))
      .filter((u) => !roleFilter || u.roles.some((r) => r.role === roleFilter))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.username.localeCompare(b.username));
  }, [users, query, roleFilter]);

  const setActive = async (u: User, active: boolean) => {
    setBusyId(u.id);
    try {
      await patch(`/api/v1/users/${u.id}`, { active });
      message.success(t('saved'));
      load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const unlock = async (u: User) => {
    setBusyId(u.id);
    try {
      await post(`/api/v1/users/${u.id}/login-unlock`);
      message.success(t('unlockDone', { name: u.displayName }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusyId(null);
    }
  };

  const columns = [
    {
      title: t('user'), key: 'username', width: 190,
      render: (_: unknown, u: User) => (
        <div style={{ color: u.active ? undefined : '#999', lineHeight: 1.4 }}>
          <div>{u.username}{u.id === me?.id && <Typography.Text type="secondary">{t('self')}</Typography.Text>}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: u.displayName }}>{u.displayName}</Typography.Text>
        </div>
      ),
    },
    { title: t('phone'), key: 'phone', width: 120, render: (_: unknown, u: User) => u.phone || '—' },
    {
      title: t('roles'), key: 'roles',
      render: (_: unknown, u: User) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((r, i) => (
            <Tag key={i} color={u.active ? ROLE_COLOURS[r.role] : undefined} style={{ whiteSpace: 'normal' }}>{n(ROLE_NAMES[r.role])} · {r.orgUnitName ?? unitName(r.orgUnitId)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('status'), key: 'active', width: 76,
      render: (_: unknown, u: User) => (u.active ? <Tag color="success">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>),
    },
    {
      title: t('actions'), key: 'actions', width: 130,
      render: (_: unknown, u: User) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>{t('edit')}</Button>
          <Dropdown trigger={['click']} menu={{
            items: [
              { key: 'reset', label: <span data-testid={`user-reset-${u.username}`}>{t('resetPassword')}</span>, onClick: () => setResetting(u) },
              { key: 'unlock', label: <span data-testid={`user-unlock-${u.username}`}>{t('unlockLogin')}</span>, onClick: () => void unlock(u) },
              ...(u.id === me?.id ? [] : [u.active
                ? { key: 'disable', danger: true, label: <span data-testid={`user-disable-${u.username}`}>{t('disable')}</span>, onClick: () => confirmDisable(u) }
                : { key: 'enable', label: <span data-testid={`user-enable-${u.username}`}>{t('enable')}</span>, onClick: () => void setActive(u, true) }]),
            ],
          }}>
            <Button type="link" size="small" loading={busyId === u.id} data-testid={`user-more-${u.username}`}>{t('more')} <DownOutlined /></Button>
          </Dropdown>
        </Space>
      ),
    },
  ];
  const confirmDisable = (u: User) => {
    modal.confirm({
      title: t('confirmDisable', { name: u.displayName }),
      content: t('userDisabledHint'),
      okButtonProps: { danger: true },
      okText: t('disable'),
      onOk: () => setActive(u, false),
    });
  };

  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="admin-new-user">{t('newUser')}</Button>
        <Input.Search allowClear placeholder={t('searchUsers')} style={{ width: 240 }} onChange={(e) => setQuery(e.target.value)} />
        <Select<Role> allowClear placeholder={t('allRoles')} style={{ width: 170 }} value={roleFilter} onChange={setRoleFilter}
          options={ROLES.map((r) => ({ value: r, label: n(ROLE_NAMES[r]) }))} />
        <Button icon={<ReloadOutlined />} onClick={load}>{t('refresh')}</Button>
        {users && <Typography.Text type="secondary">{t('usersCount', { n: users.length })}</Typography.Text>}
      </div>
      {loadError && <FormError error={{ message: t('loadFailed', { error: loadError }) }} />}
      <Table<User>
        size="small"
        rowKey="id"
        loading={!users && !loadError}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 680 }}
        data-testid="users-table"
      />
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          taken={new Set((users ?? []).map((u) => u.username.toLowerCase()))}
          onClose={() => setEditing(null)}
          onDone={(u, created) => {
            setEditing(null);
            message.success(created ? t('userCreated', { username: u.username }) : t('saved'));
            load();
          }}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} onDone={() => { setResetting(null); message.success(t('resetDone')); }} />}
    </div>
  );
}

function passwordRules(t: ReturnType<typeof useAdminT>) {
  return [
    { required: true, message: t('passwordRequired') },
    { max: LIMITS.passwordMax, message: t('tooLong', { max: LIMITS.passwordMax }) },
    {
      validator: (_r: unknown, v: string | undefined) => {
        if (!v || strongEnough(v)) return Promise.resolve();
        if (v.length < LIMITS.passwordMin) return Promise.reject(new Error(t('passwordShort', { n: LIMITS.passwordMin - v.length })));
        return Promise.reject(new Error(t('passwordMix')));
      },
    },
  ];
}

function UserModal({ user, taken, onClose, onDone }: { user: User | null; taken: Set<string>; onClose: () => void; onDone: (u: User, created: boolean) => void }) {
  const t = useAdminT();
  const [form] = Form.useForm<UserValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormErr>(null);
  const [rolesError, setRolesError] = useState<string | null>(null);
  const creating = !user;

  const submit = async (v: UserValues) => {
    const roles = v.roles.map((r) => ({ role: r.role!, orgUnitId: r.orgUnitId! }));
    const phone = v.phone?.trim() ? v.phone.trim() : null;
    setBusy(true);
    setError(null);
    setRolesError(null);
    try {
      if (creating) {
        const u = await post<User>('/api/v1/users', {
          username: v.username!.trim(), displayName: v.displayName.trim(), password: v.password!, ...(phone ? { phone } : {}), roles,
        });
        onDone(u, true);
      } else {
        const body: Record<string, unknown> = {};
        if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
        if (phone !== (user.phone || null)) body.phone = phone;
        if (JSON.stringify(roles) !== JSON.stringify(user.roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnitId })))) body.roles = roles;
        const u = Object.keys(body).length ? await patch<User>(`/api/v1/users/${user.id}`, body) : user;
        onDone(u, false);
      }
    } catch (e) {
      const err = formErrorOf(form, e);
      if (err.rest.roles) {
        setRolesError(err.rest.roles);
        delete err.rest.roles;
      }
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={creating ? t('newUser') : t('editUser', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={creating ? t('create') : t('saveWord')}
      okButtonProps={{ 'data-testid': 'user-submit' } as ButtonProps}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<UserValues>
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={user
          ? { displayName: user.displayName, phone: user.phone ?? '', roles: user.roles.map((r) => ({ ...r })) }
          : { username: '', displayName: '', password: '', phone: '', roles: [{}] }}
        onFinish={submit}
        onFinishFailed={() => setError({ message: t('fixErrors'), rest: {} })}
        onValuesChange={() => { if (error) setError(null); }}
      >
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          {creating && (
            <Form.Item name="username" label={t('username')} htmlFor="user-username" extra={t('usernameRule', { min: LIMITS.usernameMin, max: LIMITS.usernameMax })} rules={[
              { required: true, whitespace: true, message: t('usernameRequired') },
              {
                validator: (_r, v: string | undefined) => {
                  const s = (v ?? '').trim();
                  if (!s) return Promise.resolve();
                  if (s.length < LIMITS.usernameMin || s.length > LIMITS.usernameMax || !/^[A-Za-z0-9_.-]+$/.test(s)) {
                    return Promise.reject(new Error(t('usernameRule', { min: LIMITS.usernameMin, max: LIMITS.usernameMax })));
                  }
                  if (taken.has(s.toLowerCase())) return Promise.reject(new Error(t('usernameTaken')));
                  return Promise.resolve();
                },
              },
            ]}>
              <Input id="user-username" autoFocus maxLength={LIMITS.usernameMax} autoComplete="off" />
            </Form.Item>
          )}
          {creating && (
            <Form.Item name="password" label={t('password')} htmlFor="user-password" extra={t('passwordExtra', { min: LIMITS.passwordMin })} rules={passwordRules(t)}>
              <Input.Password id="user-password" autoComplete="new-password" maxLength={LIMITS.passwordMax} />
            </Form.Item>
          )}
          <Form.Item name="displayName" label={t('displayName')} htmlFor="user-displayName" rules={[
            { required: true, whitespace: true, message: t('displayNameRequired') },
            { max: LIMITS.nameMax, message: t('tooLong', { max: LIMITS.nameMax }) },
          ]}>
            <Input id="user-displayName" autoFocus={!creating} maxLength={LIMITS.nameMax} />
          </Form.Item>
          <Form.Item name="phone" label={t('phone')} htmlFor="user-phone" rules={[{ max: LIMITS.phoneMax, message: t('tooLong', { max: LIMITS.phoneMax }) }]}>
            <Input id="user-phone" maxLength={LIMITS.phoneMax} inputMode="tel" />
          </Form.Item>
        </div>
        <RolesList form={form} rolesError={rolesError} onEdit={() => setRolesError(null)} />
        <FormError error={error} />
      </Form>
    </Modal>
  );
}

function RolesList({ form, rolesError, onEdit }: { form: FormInstance<UserValues>; rolesError: string | null; onEdit: () => void }) {
  const t = useAdminT();
  const { n } = useI18n();
  return (
    <Form.List
      name="roles"
      rules={[{
        validator: async (_r, rows: Partial<Binding>[] | undefined) => {
          if (!rows || rows.length === 0) throw new Error(t('rolesRequired'));
          const seen = new Set<string>();
          for (const r of rows) {
            if (!r?.role || !r.orgUnitId) continue;
            const k = `${r.role}@${r.orgUnitId}`;
            if (seen.has(k)) throw new Error(t('roleDuplicate'));
            seen.add(k);
          }
        },
      }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div>
          <div style={{ paddingBottom: 8 }}><span style={{ color: '#ff4d4f', marginInlineEnd: 4 }}>*</span>{t('roles')}</div>
          {fields.map((field, i) => (
            <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }} data-testid={`user-role-row-${i}`}>
              <Form.Item name={[field.name, 'role']} htmlFor={`user-role-${i}`} style={{ width: 190, marginBottom: 12 }} rules={[{ required: true, message: t('roleRequired') }]}>
                <Select<Role>
                  id={`user-role-${i}`}
                  placeholder={t('role')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={ROLES.map((r) => ({ value: r, label: n(ROLE_NAMES[r]) }))}
                  onChange={() => { onEdit(); void form.validateFields(['roles']).catch(() => undefined); }}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'orgUnitId']} htmlFor={`user-unit-${i}`} style={{ flex: 1, minWidth: 0, marginBottom: 12 }} rules={[{ required: true, message: t('unitRequired') }]}>
                <UnitSelect id={`user-unit-${i}`} placeholder={t('unit')} onChange={() => onEdit()} />
              </Form.Item>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label={t('remove')}
                disabled={fields.length <= 1}
                onClick={() => { remove(field.name); onEdit(); }}
                data-testid={`user-role-remove-${i}`}
              />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="user-add-role">{t('addRole')}</Button>
          <Form.ErrorList errors={[...errors, ...(rolesError ? [rolesError] : [])]} />
          <div style={{ height: 16 }} />
        </div>
      )}
    </Form.List>
  );
}

function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const t = useAdminT();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormErr>(null);
  return (
    <Modal open title={t('resetPasswordTitle', { name: user.displayName })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'reset-submit' } as ButtonProps} mask={{ closable: false }} destroyOnHidden>
      <Form form={form} layout="vertical" autoComplete="off" onFinish={async (v: { password: string }) => {
        setBusy(true);
        setError(null);
        try {
          await post(`/api/v1/users/${user.id}/password`, { password: v.password });
          onDone();
        } catch (e) {
          setError(formErrorOf(form, e));
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="password" label={t('newPassword')} htmlFor="reset-password" extra={t('passwordExtra', { min: LIMITS.passwordMin })} rules={passwordRules(t)}>
          <Input.Password id="reset-password" autoFocus autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
        <FormError error={error} />
      </Form>
    </Modal>
  );
}
