import { startTransition, useEffect, useState } from 'react';

/** Hash routes (#/ledgers): they work the same under app://pingcha, the dev server and a preview. */
function read(): string {
  const hash = location.hash.replace(/^#\/?/, '');
  return hash.split('?')[0] || '';
}

/**
 * The current route. A route change renders the new page as a transition (issue 26, no UI task over
 * 200 ms): React builds it in slices between which the browser paints and answers keys, the page left
 * staying on screen meanwhile, instead of one blocking task that mounts a whole heavy page (the ledgers
 * page with 500,000 rows: its antd styles, selects and case table) at once.
 */
export function useRoute(): string {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => startTransition(() => setRoute(read()));
    window.addEventListener('hashchange', onChange);
    // a change between the first render and this subscription
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: string): void {
  location.hash = '#/' + route;
}
