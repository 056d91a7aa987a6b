// The 发文字号 a 通报 or 年审通知 holds, and 作废文号 with a reason: the number stays on record as void and
// the next 定稿 takes a new one (as a letter's number can be voided on the letters page).
import { useState } from 'react';
import { App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import type { DocType } from '@shared/letters/letter-settings';
import { letterStore, useDocumentNumber } from '../db/hooks/letters';
import { settingsStore } from '../db/hooks/settings';

export function DocumentNumberStatus({
  docType,
  objectId,
  label,
  onVoided,
}: {
  docType: Exclude<DocType, 'letter'>;
  objectId: string;
  /** What is numbered, for the log: '2026年度行政执法案卷评查'. */
  label: string;
  /** Called after the number is voided (e.g. to take down a notice that names it). */
  onVoided?: () => void;
}) {
  const { message } = App.useApp();
  const number = useDocumentNumber(docType, objectId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (number === undefined) return null;
  if (number === null)
    return (
      <Typography.Text type="secondary" data-testid={`number-status-${docType}`}>
        尚未编号：导出定稿时从文号登记簿取号。
      </Typography.Text>
    );
  const confirm = async () => {
    setBusy(true);
    try {
      const actor = await settingsStore.currentOperator();
      const voided = await letterStore.voidDocumentNumber({ docType, objectId, reason, actor, label });
      void message.success(`已作废文号 ${voided}；再次导出定稿时将取新文号。`);
      onVoided?.();
      setOpen(false);
      setReason('');
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space data-testid={`number-status-${docType}`}>
      <Tag color="blue">文号 {number}</Tag>
      <Button size="small" danger onClick={() => setOpen(true)}>
        作废文号
      </Button>
      <Modal
        open={open}
        title={`作废文号 ${number}`}
        okText="作废"
        okButtonProps={{ danger: true, loading: busy, disabled: reason.trim() === '' }}
        cancelText="取消"
        onOk={() => void confirm()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          作废后该文号在登记簿中保留为“已作废”，不会再次使用；重新导出定稿时取下一个文号。此操作记入留痕。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="作废原因"
          placeholder="作废原因（必填），如：单位名称有误，重新印发"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 4 }}
        />
      </Modal>
    </Space>
  );
}
