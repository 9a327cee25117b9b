import { describe, expect, it } from 'vitest';
import { redactPersonal } from './redact.ts';

describe('redactPersonal', () => {
  it('replaces the named people, phones, ID numbers and e-mail addresses, and nothing else', () => {
    const text = '王建国反映：解放路路灯坏了，联系电话13812345678，座机0731-84567890，身份证430102198001011234，邮箱wjg@example.com。王建国说已经半个月了，门牌12号。';
    expect(redactPersonal(text, ['王建国', null])).toBe(
      '王某反映：解放路路灯坏了，联系电话[电话]，座机[电话]，身份证[身份证号]，邮箱[邮箱]。王某说已经半个月了，门牌12号。',
    );
  });

  it('leaves a text without personal data as it is, and ignores one-character or empty names', () => {
    expect(redactPersonal('村口桥栏杆断了，2024年修过一次，长约15米。', ['王', '', undefined])).toBe('村口桥栏杆断了，2024年修过一次，长约15米。');
  });

  it('finds a mobile number written with +86 and spaces', () => {
    expect(redactPersonal('电话 +86 138 1234 5678 找我', [])).toBe('电话 [电话] 找我');
  });
});
