/**
 * @module The explorer's two pieces of state: the route (the URL, pushed on every choice, read back on
 * back/forward) and loaded data, which keeps showing the previous answer while the next one loads, so
 * nothing jumps while waiting.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatRoute, parseRoute, type Route } from './route.js';

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

export function useRoute(): [Route, Navigate] {
  const read = () => parseRoute(location.pathname, location.search);
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const onPop = () => setRoute(read());
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const navigate: Navigate = (next, options = {}) => {
    const url = formatRoute(next);
    if (url !== location.pathname + location.search) {
      if (options.replace) history.replaceState(null, '', url);
      else history.pushState(null, '', url);
    }
    setRoute(parseRoute(location.pathname, location.search));
  };
  return [route, navigate];
}

export interface Loaded<T> {
  readonly data?: T | undefined;
  readonly error?: unknown;
  readonly loading: boolean;
}

/** Runs `load` whenever `key` changes; an answer to an older key is dropped. */
export function useLoad<T>(key: string | undefined, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: key !== undefined });
  useEffect(() => {
    if (key === undefined) return;
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}

/** Follows a same-origin link without reloading the page (modified clicks open as usual). */
export function followLink(navigate: Navigate, route: Route) {
  return (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(route);
    scrollTo({ top: 0 });
  };
}
