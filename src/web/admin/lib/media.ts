/** Media queries as React state, read synchronously on the first render (no table flashing before the phone list). */
import { useCallback, useSyncExternalStore } from 'react';

/** Narrower than Ant Design's `sm` breakpoint (576 px): a phone held upright. */
export const PHONE_QUERY = '(max-width: 575.98px)';

/** Whether `query` matches now; re-renders when that changes. */
export function useMedia(query: string): boolean {
  const subscribe = useCallback((onChange: () => void) => {
    const m = window.matchMedia(query);
    m.addEventListener('change', onChange);
    return () => m.removeEventListener('change', onChange);
  }, [query]);
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
}

/** Whether the screen is phone-sized. */
export function usePhone(): boolean {
  return useMedia(PHONE_QUERY);
}

const onlineSubscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => { window.removeEventListener('online', onChange); window.removeEventListener('offline', onChange); };
};

/** Whether the browser says it has a network; re-renders when that changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(onlineSubscribe, () => navigator.onLine, () => true);
}
