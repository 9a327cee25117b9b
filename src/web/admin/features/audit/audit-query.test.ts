import { describe, expect, it } from 'vitest';
import { auditQueryString, detailText, hasAuditFilters, parseAuditQuery } from './audit-query.ts';

describe('the audit screen\'s query', () => {
  it('reads and writes the API\'s parameter names, dropping what it does not understand', () => {
    const q = parseAuditQuery('actor=7&action=petitioner.reveal,issue.export&issue=YX-2026-000123&from=2026-05-01&to=2026-05-31&ip=10.0.0.1&cursor=x');
    expect(q).toEqual({ actor: 7, action: ['petitioner.reveal', 'issue.export'], issue: 'YX-2026-000123', from: '2026-05-01', to: '2026-05-31', ip: '10.0.0.1' });
    expect(auditQueryString(q)).toBe('actor=7&action=petitioner.reveal,issue.export&issue=YX-2026-000123&from=2026-05-01&to=2026-05-31&ip=10.0.0.1');
    expect(parseAuditQuery('actor=-1&action=DROP%20TABLE&from=May')).toEqual({ actor: null, action: [], issue: '', from: null, to: null, ip: '' });
    expect(hasAuditFilters(parseAuditQuery(''))).toBe(false);
  });

  it('shows an entry\'s data as short text', () => {
    expect(detailText({ personId: 3, query: { status: 'assigned' }, filename: '身份证.png' })).toBe('personId: 3; query: {"status":"assigned"}; filename: 身份证.png');
  });
});
