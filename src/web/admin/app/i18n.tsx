/** Chinese first, English second: the UI's words, the language switch, and dates in Asia/Shanghai. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api/client.ts';
import { formatMessage } from '../../../shared/format.ts';

/** The UI language. */
export type Lang = 'zh' | 'en';

const WORDS = {
  appName: ['一线 · 问题台账', 'Yixian Ledger'],
  appShortName: ['一线', 'YX'],
  workbench: ['工作台', 'Workbench'],
  ledger: ['问题台账', 'Ledger'],
  intake: ['登记', 'Register'],
  field: ['现场记录', 'Field record'],
  hotspots: ['热点', 'Hot spots'],
  activities: ['下基层活动', 'Activities'],
  cases: ['案例库', 'Case library'],
  cadreLedger: ['四下基层台账', 'Cadre ledger'],
  imports: ['导入', 'Import'],
  admin: ['系统管理', 'Administration'],
  audit: ['审计日志', 'Audit log'],
  logout: ['退出登录', 'Log out'],
  login: ['登录', 'Log in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  loginTitle: ['四下基层问题台账', 'Grassroots issue ledger'],
  sessionExpired: ['登录已过期，请重新登录。您填写的内容不会丢失。', 'Your session expired. Log in again; what you typed is kept.'],
  notFound: ['页面不存在，或您无权查看该问题', 'Not found, or you may not see it'],
  backHome: ['返回工作台', 'Back to the workbench'],
  required: ['必填', 'Required'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  submit: ['提交', 'Submit'],
  search: ['查询', 'Search'],
  reset: ['重置', 'Reset'],
  loading: ['加载中…', 'Loading…'],
  retry: ['重试', 'Retry'],
  language: ['English', '中文'],
} as const satisfies Record<string, readonly [string, string]>;

/** A UI word key. */
export type WordKey = keyof typeof WORDS;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (k: WordKey) => string;
  /** Pick the name in the current language from a `{ zh, en }` pair. */
  n: (pair: { zh: string; en: string } | undefined) => string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem('yx.lang');
  return saved === 'en' ? 'en' : 'zh';
}

/** Provides the language to the app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    setApiLanguage(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('yx.lang', l);
    setApiLanguage(l);
    document.documentElement.lang = l === 'en' ? 'en' : 'zh-CN';
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(() => ({
    lang,
    setLang,
    t: (k) => WORDS[k][lang === 'zh' ? 0 : 1],
    n: (pair) => (pair ? pair[lang] : ''),
  }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The language, the word lookup and the name picker. */
export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const dateFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `2026-03-01 09:30` in Shanghai time. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTimeFmt.format(new Date(iso)).replace(/\//g, '-');
}

/** `2026-03-01` in Shanghai time. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateFmt.format(new Date(iso)).replace(/\//g, '-');
}

/**
 * A screen's own dictionary as a hook: `const useWords = wordsHook({ saved: ['已保存', 'Saved'] })`, then
 * `w('saved')` or `w('loaded', { n: 3 })` with `{name}` placeholders filled in the current language.
 */
export function wordsHook<K extends string>(words: Record<K, readonly [string, string]>) {
  return function useWords(): (k: K, params?: Record<string, string | number>) => string {
    const { lang } = useI18n();
    return useCallback((k: K, params?: Record<string, string | number>) => formatMessage(words[k][lang === 'zh' ? 0 : 1], params), [lang]);
  };
}
