// A route change renders the new page as a transition (issue 26, no UI task over 200 ms): the page left
// stays on screen while the new one is built in slices, instead of one blocking task (or a blank fallback)
// that mounts a whole heavy page at once.
import { Suspense, use } from 'react';
import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { navigate, useRoute } from '../../renderer/ui/router';

let release: () => void = () => undefined;
const slowPage = new Promise<string>((resolve) => {
  release = () => resolve('台账页面');
});

function SlowPage() {
  return <p>{use(slowPage)}</p>;
}

function Shell() {
  const route = useRoute();
  return <Suspense fallback={<p>加载中</p>}>{route === 'ledgers' ? <SlowPage /> : <p>设置页面</p>}</Suspense>;
}

describe('useRoute', () => {
  it('keeps the page left on screen while the next one is not ready, then shows it', async () => {
    location.hash = '#/settings';
    render(<Shell />);
    expect(screen.getByText('设置页面')).toBeTruthy();

    await act(async () => {
      navigate('ledgers');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(screen.getByText('设置页面')).toBeTruthy();
    expect(screen.queryByText('加载中')).toBeNull();

    await act(async () => {
      release();
      await slowPage;
    });
    expect(await screen.findByText('台账页面')).toBeTruthy();
    expect(screen.queryByText('设置页面')).toBeNull();
  });
});
