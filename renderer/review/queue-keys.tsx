// The queue's keyboard shortcut on the 逐卷评查 page.
import { useEffect, useRef } from 'react';

/**
 * Alt+↓ / Alt+↑: the next / previous file of the queue, wherever the focus is on the page (the sheet
 * leaves Alt keys alone): right after a confirmation closes the focus may still be on the page body, and
 * the shortcut must not depend on where it lands. Keys typed inside an open dialog or list are theirs.
 */
export function QueueKeys({ onMove }: { onMove: (step: 1 | -1) => boolean }) {
  const latest = useRef(onMove);
  useEffect(() => {
    latest.current = onMove;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest('.ant-modal-wrap, .ant-select-dropdown, .ant-dropdown, [role="dialog"]')) return;
      if (latest.current(e.key === 'ArrowDown' ? 1 : -1)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}
