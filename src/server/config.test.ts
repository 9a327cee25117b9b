import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'yixian-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('configuration', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dir }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: dir, HOST: '' }).host).toBe('127.0.0.1');
    expect(loadConfig({ DATA_DIR: dir, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('trusts a proxy on this machine or the proxies listed, never everyone', () => {
    expect(loadConfig({ DATA_DIR: dir }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '1' }).trustProxy).toBe('loopback');
    expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY=2/);
  });

  it('reads the extra allowed origins', () => {
    expect(loadConfig({ DATA_DIR: dir }).allowedOrigins).toEqual([]);
    expect(loadConfig({ DATA_DIR: dir, ALLOWED_ORIGINS: 'https://a.example, https://b.example/ ,' }).allowedOrigins).toEqual(['https://a.example', 'https://b.example/']);
  });
});
