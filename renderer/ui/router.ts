import { useSyncExternalStore } from 'react';

/** Hash routes (#/ledgers): they work the same under app://pingcha, the dev server and a preview. */
function read(): string {
  const hash = location.hash.replace(/^#\/?/, '');
  return hash.split('?')[0] || '';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, read, () => '');
}

export function navigate(route: string): void {
  location.hash = '#/' + route;
}
