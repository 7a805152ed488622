import { useSyncExternalStore } from 'react';

/** Phones and narrow windows: filters and contents go into drawers. */
export const NARROW = '(max-width: 860px)';

/** Whether the media query matches now; re-renders when that changes (a rotated phone). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}
