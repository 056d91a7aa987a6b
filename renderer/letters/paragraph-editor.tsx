// Paragraph-level editing of a generated document (letters and the campaign report): every heading and
// paragraph can be rewritten or removed (emptied); tables and charts follow the data. Edits are saved
// by paragraph key, so they survive a rebuild from the data.
import { useEffect, useState } from 'react';
import { Button, Input, Modal, Space, Tag, Typography } from 'antd';
import type { LetterSection } from '@shared/letters/rectification-letter';

export function ParagraphEditor({
  open,
  title,
  sections,
  edits,
  onSave,
  onClose,
}: {
  open: boolean;
  title: string;
  sections: LetterSection[];
  edits: Record<string, string>;
  onSave: (edits: Record<string, string>) => Promise<void>;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(edits);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) setDraft(edits);
  }, [open, edits]);
  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
      onClose();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      width={860}
      onCancel={onClose}
      okText="保存修改"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        逐段修改正文；清空某段即删除该段。表格和图表由评查数据生成，不在此修改。
      </Typography.Paragraph>
      <div style={{ maxHeight: '62vh', overflow: 'auto', paddingRight: 8 }} data-testid="paragraph-editor">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {sections.map((s) => {
            if (!s.editable || (s.block.type !== 'paragraph' && s.block.type !== 'heading')) {
              return (
                <Tag key={s.key} color="default">
                  {s.block.type === 'table' ? '［表格：由数据生成］' : '［图表：由数据生成］'}
                </Tag>
              );
            }
            const original = s.block.text;
            const value = draft[s.key] ?? original;
            const changed = draft[s.key] !== undefined && draft[s.key] !== original;
            return (
              <div key={s.key}>
                <Space size={4} style={{ marginBottom: 2 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.block.type === 'heading' ? '标题' : '段落'}
                  </Typography.Text>
                  {changed && <Tag color="blue">已修改</Tag>}
                  {changed && (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => {
                        const next = { ...draft };
                        delete next[s.key];
                        setDraft(next);
                      }}
                    >
                      恢复原文
                    </Button>
                  )}
                </Space>
                <Input.TextArea
                  aria-label={`段落 ${s.key}`}
                  data-testid={`edit-${s.key}`}
                  autoSize={{ minRows: s.block.type === 'heading' ? 1 : 2, maxRows: 10 }}
                  value={value}
                  onChange={(e) => {
                    const v = e.target.value;
                    setDraft((d) => {
                      const next = { ...d };
                      if (v === original) delete next[s.key];
                      else next[s.key] = v;
                      return next;
                    });
                  }}
                  style={s.block.type === 'heading' ? { fontWeight: 600 } : undefined}
                />
              </div>
            );
          })}
        </Space>
      </div>
    </Modal>
  );
}
