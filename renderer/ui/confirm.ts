import type { ReactNode } from 'react';
import type { App } from 'antd';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * Asks before what cannot be undone, saying what will happen. Resolves true when confirmed.
 * The OK button has the focus, so a keyboard user confirms with Enter and backs out with Esc.
 */
export function confirmAction(
  modal: ModalApi,
  options: { title: string; content: ReactNode; okText: string; danger?: boolean },
): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title: options.title,
      content: options.content,
      okText: options.okText,
      cancelText: '取消',
      okButtonProps: {
        danger: options.danger,
        ...({ 'data-testid': 'confirm-ok' } as Record<string, string>),
      },
      autoFocusButton: 'ok',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
