import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Alert, App, Button, Result } from 'antd';
import { appGate } from '../db/database';
import type { StoreRole, WriteGate } from '../db/write-gate';

export function useStoreRole(gate: WriteGate = appGate): StoreRole {
  return useSyncExternalStore(
    (cb) => gate.subscribe(cb),
    () => gate.role,
  );
}

/**
 * The notice of a window that is not the writer: read-only while another window edits, and a short
 * confirmation when it has taken over (the other window closed).
 */
export function StoreRoleBanner({ gate = appGate }: { gate?: WriteGate }) {
  const role = useStoreRole(gate);
  const { message } = App.useApp();
  useEffect(() => {
    // A write refused by the gate that no page caught still gets its Chinese message, never silence.
    const onRejection = (event: PromiseRejectionEvent) => {
      const reason = event.reason as { name?: string; message?: string } | undefined;
      if (reason?.name !== 'ReadOnlyStoreError') return;
      event.preventDefault();
      void message.warning(reason.message ?? '');
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [message]);
  const wasReader = useRef(role === 'reader');
  const [tookOver, setTookOver] = useState(false);
  useEffect(() => {
    if (role === 'reader') wasReader.current = true;
    else if (role === 'writer' && wasReader.current) {
      wasReader.current = false;
      setTookOver(true);
    }
  }, [role]);
  if (role === 'reader')
    return (
      <Alert
        type="warning"
        showIcon
        banner
        data-testid="store-read-only"
        message="本窗口为只读"
        description="评查台已在另一个窗口（或浏览器标签页）中打开。为防止两个窗口互相覆盖，同一时间只能由一个窗口修改数据：本窗口可以查看，但不能保存任何更改。请到那个窗口中操作；那个窗口关闭后，本窗口会自动转为可编辑。"
      />
    );
  if (role === 'writer' && tookOver)
    return (
      <Alert
        type="success"
        showIcon
        banner
        closable
        onClose={() => setTookOver(false)}
        data-testid="store-took-over"
        message="另一个窗口已关闭，本窗口现在可以编辑。"
      />
    );
  return null;
}

/** Once a newer app has upgraded the store, this window shows only the reload screen. */
export function StoreUpgradedGate({ children, gate = appGate }: { children: ReactNode; gate?: WriteGate }) {
  const role = useStoreRole(gate);
  if (role !== 'upgraded') return <>{children}</>;
  return (
    <Result
      status="warning"
      data-testid="store-upgraded"
      title="请重新载入本窗口"
      subTitle="数据库已被另一个窗口中更新版本的评查台升级。本窗口已断开与数据库的连接并停止保存，以免用旧程序改动新数据；之前保存的内容都在数据库中。重新载入后即可继续工作。"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          重新载入
        </Button>
      }
    />
  );
}
