import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** Filters and page live in the address, so a filtered list can be reloaded, shared and gone back to. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          // A new filter starts again at the first page.
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params, page, update };
}

/** A text filter typed freely and written to the address after a short pause, not on every key. */
export function useTypedFilter(
  value: string,
  update: (changes: Record<string, string | null>) => void,
  key: string,
): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => update({ [key]: text.trim() || null }), 300);
    return () => clearTimeout(timer);
  }, [text, value, update, key]);
  return [text, setText];
}
