import { useState } from 'react';
import { Form, Input, InputNumber, Modal, Typography } from 'antd';

/** 替换 / 追加抽取: a reason is required (and, for 追加, a count within what the stratum has left). */
export function DrawReasonModal({
  title,
  description,
  placeholder,
  okText,
  maxCount,
  onOk,
  onCancel,
}: {
  title: string;
  description: string;
  placeholder: string;
  okText: string;
  maxCount?: number;
  onOk: (reason: string, count: number) => Promise<void>;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [count, setCount] = useState<number | null>(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (reason.trim() === '') return setError('请填写原因：原因将写入抽取记录。');
    if (maxCount !== undefined && (count === null || count < 1 || count > maxCount)) {
      return setError(`追加数量应在 1 到 ${maxCount} 之间。`);
    }
    setBusy(true);
    setError(null);
    try {
      await onOk(reason.trim(), count ?? 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>{description}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void submit()}>
        {maxCount !== undefined && (
          <Form.Item label="追加数量" required>
            <InputNumber aria-label="追加数量" min={1} max={maxCount} value={count} onChange={setCount} />
          </Form.Item>
        )}
        <Form.Item label="原因" required>
          <Input.TextArea
            aria-label="原因"
            autoFocus
            rows={3}
            maxLength={200}
            placeholder={placeholder}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Form.Item>
      </Form>
      {error && (
        <Typography.Text type="danger" role="alert" data-testid="reason-error">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}
