// A deduction's pins as links ("第 12 页") wherever the deduction is listed (the lead's re-check):
// choosing one opens that page in the case-file viewer beside the list.
import { createContext, useContext } from 'react';
import { Button, Space } from 'antd';
import type { CasePin } from '@shared/case-files/pin-geometry';

/** Opens a pin's page in the viewer of the surrounding pane (null: no viewer, links not shown). */
export const PinJumpContext = createContext<((pin: CasePin) => void) | null>(null);

export function PinLinks({ pins }: { pins: readonly CasePin[] | undefined }) {
  const jump = useContext(PinJumpContext);
  if (!pins?.length || !jump) return null;
  return (
    <Space size={4} wrap style={{ marginLeft: 6 }}>
      {pins.map((p, i) => (
        <Button
          key={i}
          size="small"
          type="link"
          style={{ padding: 0, height: 'auto' }}
          data-testid="pin-link"
          aria-label={`查看标注位置：第 ${p.page + 1} 页`}
          onClick={() => jump({ ...p })}
        >
          📌第 {p.page + 1} 页
        </Button>
      ))}
    </Space>
  );
}
