import { Modal, Typography } from 'antd';

/** The score sheet's keys, as the help lists them. */
export const SHORTCUTS: [string, string][] = [
  ['↑ / ↓ 或 k / j', '上一项 / 下一项评查项'],
  ['1 – 9', '选择当前评查项的第 n 个扣分情形（已选则定位到该条）'],
  ['+ / -', '增加 / 减少当前扣分的次数（按次扣分）'],
  ['Enter 或 Tab', '进入当前扣分的问题描述'],
  ['Esc', '从问题描述回到评查项列表'],
  ['Delete / Backspace', '删除当前扣分'],
  ['v', '转到否决项'],
  ['Ctrl + Enter', '提交评分表（没有扣分时：确认“未发现问题”后提交）'],
  ['Alt + ↓ / Alt + ↑', '下一件 / 上一件案卷'],
  ['y（台账体检线索上）', '确认该线索，在对应评查项上扣分'],
  ['n（台账体检线索上）', '不予采纳该线索：转到理由框，写明理由后按 Enter'],
  ['?', '显示 / 隐藏快捷键说明'],
];

/** 评分表快捷键: the list of keys; closing it gives the focus back to the sheet. */
export function ShortcutHelp(props: { open: boolean; onClose: () => void; afterClose: () => void }) {
  return (
    <Modal
      open={props.open}
      title="评分表快捷键"
      footer={null}
      onCancel={props.onClose}
      // Back to the sheet, not to the 快捷键 button that opened it (Enter there would reopen the
      // help instead of entering the current deduction's description).
      focusable={{ focusTriggerAfterClose: false }}
      afterClose={props.afterClose}
    >
      <table data-testid="shortcut-help" style={{ width: '100%' }}>
        <tbody>
          {SHORTCUTS.map(([k, d]) => (
            <tr key={k}>
              <td style={{ padding: 4, whiteSpace: 'nowrap' }}>
                <Typography.Text keyboard>{k}</Typography.Text>
              </td>
              <td style={{ padding: 4 }}>{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
