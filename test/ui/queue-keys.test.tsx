// Alt+↓ / Alt+↑ move through the reviewer's queue wherever the focus is — on the page body right after a
// confirmation has closed too — and leave keys typed inside an open dialog to the dialog.
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { QueueKeys } from '../../renderer/review/queue-keys';

function press(target: EventTarget, key: string, init: KeyboardEventInit = { altKey: true }) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

describe('QueueKeys', () => {
  it('moves on Alt+↓ / Alt+↑ from the page body, and only then prevents the default', () => {
    const moves: number[] = [];
    render(<QueueKeys onMove={(step) => (moves.push(step), step === 1)} />);
    const down = press(document.body, 'ArrowDown');
    const up = press(document.body, 'ArrowUp');
    expect(moves).toEqual([1, -1]);
    expect(down.defaultPrevented).toBe(true);
    // No previous file: the key is left alone.
    expect(up.defaultPrevented).toBe(false);
  });

  it('ignores plain arrows, Ctrl+Alt arrows and keys inside an open dialog', () => {
    const moves: number[] = [];
    const { container } = render(
      <>
        <QueueKeys onMove={(step) => (moves.push(step), true)} />
        <div className="ant-modal-wrap">
          <button type="button">确认</button>
        </div>
      </>,
    );
    press(document.body, 'ArrowDown', {});
    press(document.body, 'ArrowDown', { altKey: true, ctrlKey: true });
    press(container.querySelector('button')!, 'ArrowDown');
    expect(moves).toEqual([]);
  });

  it('stops listening when the page is left', () => {
    const moves: number[] = [];
    const view = render(<QueueKeys onMove={(step) => (moves.push(step), true)} />);
    view.unmount();
    press(document.body, 'ArrowDown');
    expect(moves).toEqual([]);
  });
});
