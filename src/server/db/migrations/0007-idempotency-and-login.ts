/**
 * Idempotent creates: the `Idempotency-Key` a client sent with a create, kept 24 hours with a hash of the request
 * and the record it made, so a retry answers the first result. Login attempts learn what they were: a password
 * attempt or an administrator's unlock (which ends the slowing of an account), the proof of work an attempt
 * carried (each proof counts once) and the network its address counts as.
 */
import type { Kysely } from 'kysely';
import { isPostgres } from '../connect.ts';

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('idempotency_keys');
  await (isPostgres(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // What the key was sent to, e.g. `POST /issues`: one key may be reused for another kind of create.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('idempotency_keys_uq', ['user_id', 'scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_ix').on('idempotency_keys').columns(['tenant_id', 'created_at']).execute();

  await db.schema.alterTable('login_attempts').addColumn('kind', 'text', (c) => c.notNull().defaultTo('password')).execute();
  await db.schema.alterTable('login_attempts').addColumn('proof', 'text').execute();
  // Unique: a proof spent by one attempt is refused to any other, also one running at the same moment elsewhere.
  await db.schema.createIndex('login_attempts_proof_uq').unique().on('login_attempts').column('proof').execute();
  // The network an address counts as for throttling (an IPv4 address, an IPv6 /64); rows before this are not counted.
  await db.schema.alterTable('login_attempts').addColumn('net', 'text').execute();
  await db.schema.createIndex('login_attempts_net_ix').on('login_attempts').columns(['net', 'at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('login_attempts_net_ix').execute();
  await db.schema.alterTable('login_attempts').dropColumn('net').execute();
  await db.schema.dropIndex('login_attempts_proof_uq').execute();
  await db.schema.alterTable('login_attempts').dropColumn('proof').execute();
  await db.schema.alterTable('login_attempts').dropColumn('kind').execute();
  await db.schema.dropTable('idempotency_keys').execute();
}
