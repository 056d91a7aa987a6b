import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ErrorBoundary } from '../../renderer/app/error-boundary';

function Bomb({ explode }: { explode: boolean }) {
  if (explode) throw new Error('模拟的渲染错误');
  return <p>正常内容</p>;
}

function Harness() {
  const [explode, setExplode] = useState(true);
  return (
    <>
      <button onClick={() => setExplode(false)}>修复</button>
      <ErrorBoundary>
        <Bomb explode={explode} />
      </ErrorBoundary>
    </>
  );
}

describe('error boundary', () => {
  it('shows a readable Chinese message instead of a white screen, and recovers on retry', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<Harness />);
    expect(screen.getByText('页面出现错误')).toBeInTheDocument();
    expect(screen.getByText(/您的数据已保存在本机数据库中/)).toBeInTheDocument();
    expect(screen.getByText('技术信息（向技术支持反馈时请附上）')).toBeInTheDocument();
    await userEvent.click(screen.getByText('修复'));
    await userEvent.click(screen.getByRole('button', { name: /重\s*试/ }));
    expect(screen.getByText('正常内容')).toBeInTheDocument();
    spy.mockRestore();
  });
});

describe('persistent storage', () => {
  it('asks the browser to persist the database and reports the estimate', async () => {
    const { requestPersistentStorage, readStorageStatus } = await import('../../renderer/settings/storage');
    const persist = vi.fn(async () => true);
    const nav = {
      storage: {
        persist,
        persisted: async () => false,
        estimate: async () => ({ usage: 2048, quota: 10 * 2 ** 30 }),
      },
    } as unknown as Navigator;
    expect(await requestPersistentStorage(nav)).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    expect(await readStorageStatus(nav)).toEqual({ persisted: false, usage: 2048, quota: 10 * 2 ** 30 });
  });
});
