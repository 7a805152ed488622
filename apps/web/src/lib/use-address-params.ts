import { useCallback } from 'react';
import { type NavigateOptions, useSearchParams } from 'react-router';

/**
 * The address's query parameters, and a way to change them starting from the address as it is
 * now. React Router's functional `setSearchParams` starts from the parameters of the last render:
 * a change made between a navigation and its render (typing just after "Clear filters") would be
 * applied to the old filters and put them back.
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (change: (current: URLSearchParams) => URLSearchParams, options?: NavigateOptions) =>
      setParams(change(new URLSearchParams(window.location.search)), options),
    [setParams],
  );
  return [params, update] as const;
}
