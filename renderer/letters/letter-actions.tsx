// Modals for the letter life cycle: issue (number + deadline), record a reply (with its file),
// check the reply (close or send back), and void an issued number.
import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  buildRectificationLetter,
  letterDeadline,
  type LetterFacts,
} from '@shared/letters/rectification-letter';
import { letterPrefix, type LetterSettings } from '@shared/letters/letter-settings';
import type { LetterRecord } from '../db/letters-repository';
import { letterStore } from '../db/hooks/letters';
import { IssueNotes } from './letter-issue-notes';
import { useIssuePreview } from './use-issue-preview';
import { getPlatform } from '../platform';
import { evidenceAnnex, evidenceCropRequests, withEvidenceAnnex } from '@shared/letters/evidence-annex';
import { drawEvidenceCrops } from '../case-files/evidence-crops';
import { caseFileStore } from '../db/hooks/case-files';
import { formatDate } from '@shared/util/time-format';
import { errorText } from '@shared/util/error-text';

export type LetterAction = 'issue' | 'reply' | 'check' | 'void';

export function LetterActionModal({
  action,
  letter,
  facts,
  settings,
  actor,
  onClose,
}: {
  action: LetterAction | null;
  letter: LetterRecord | null;
  facts: LetterFacts | undefined;
  settings: LetterSettings;
  actor: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs | null>(dayjs());
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<'close' | 'return'>('close');
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // 附件 of evidence crops: offered when a problem of the letter is pinned to a page of its 电子案卷.
  const [withCrops, setWithCrops] = useState(false);
  const cropRequests = useMemo(() => (facts ? evidenceCropRequests(facts) : []), [facts]);
  useEffect(() => {
    setWithCrops(false);
    setDate(dayjs());
    setText('');
    setVerdict('close');
    setFile(null);
    setError(null);
  }, [action, letter?.id]);

  const iso = date?.format('YYYY-MM-DD') ?? '';
  const { preview, backdated } = useIssuePreview(action === 'issue', letter, settings, iso);

  if (!action || !letter) return null;
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      if (action === 'issue') {
        if (!facts) throw new Error(`“${letter.department}”已没有需整改的问题（评查结果已变化），无需发函。`);
        if (!iso) throw new Error('请选择印发日期。');
        const deadline = letterDeadline(settings, iso);
        const crops = withCrops
          ? await drawEvidenceCrops(caseFileStore.readCaseFileBytes, cropRequests)
          : new Map();
        if (withCrops && crops.size < cropRequests.length)
          throw new Error(
            `有 ${cropRequests.length - crops.size} 个问题的电子案卷已不在本机或已被改动，无法截取页面，未印发。请重新附卷，或取消“附问题所在页面截图”后印发。`,
          );
        const annex = evidenceAnnex(cropRequests, crops);
        const issued = await letterStore.issueLetter({
          letterId: letter.id,
          prefix: letterPrefix(settings),
          issueDate: iso,
          deadline,
          deadlineRule: { days: settings.deadlineDays, mode: settings.deadlineMode },
          actor,
          build: (issue, l) =>
            withEvidenceAnnex(buildRectificationLetter(facts, settings, issue, l.edits), annex),
        });
        void message.success(`已印发：${issued.docNumber ?? ''}`);
      } else if (action === 'reply') {
        await letterStore.recordReply(letter.id, { receivedAt: iso, summary: text, file, actor });
        void message.success('已登记回复。');
      } else if (action === 'check') {
        if (verdict === 'close') await letterStore.closeLetter(letter.id, text, actor);
        else await letterStore.returnLetter(letter.id, text, actor);
        void message.success(verdict === 'close' ? '已审核销号。' : '已退回，等待重新回复。');
      } else {
        await letterStore.voidLetterNumber(letter.id, text, actor);
        void message.success('文号已作废，整改函回到草稿状态。');
      }
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const pickFile = async () => {
    try {
      const files = await getPlatform().openFiles({ multiple: false });
      const f = files[0];
      if (f) setFile({ name: f.name, bytes: f.bytes });
    } catch (e) {
      setError(`无法读取文件：${errorText(e)}`);
    }
  };

  const titles: Record<LetterAction, string> = {
    issue: `印发整改函：${letter.department}`,
    reply: `登记回复：${letter.department}`,
    check: `审核回复：${letter.department}`,
    void: `作废文号：${letter.docNumber ?? ''}`,
  };
  const okText: Record<LetterAction, string> = {
    issue: '确认印发',
    reply: '登记回复',
    check: verdict === 'close' ? '审核通过并销号' : '退回',
    void: '作废文号',
  };
  const lastReply = letter.replies.at(-1);
  return (
    <Modal
      open
      title={titles[action]}
      okText={okText[action]}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{
        danger: action === 'void',
        ...({ 'data-testid': 'action-ok' } as Record<string, string>),
      }}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        // Enter in a field never issues a letter: 印发 allocates a number, so only the button does it.
        onFinish={action === 'issue' ? undefined : () => void submit()}
      >
        {(action === 'issue' || action === 'reply') && (
          <Form.Item label={action === 'issue' ? '印发日期（成文日期）' : '收到书面回复的日期'} required>
            <DatePicker
              data-testid="action-date"
              value={date}
              onChange={setDate}
              format="YYYY-MM-DD"
              allowClear={false}
              style={{ width: 200 }}
            />
          </Form.Item>
        )}
        {action === 'issue' && preview && (
          <IssueNotes
            preview={preview}
            backdated={backdated}
            settings={settings}
            letter={letter}
            cropCount={cropRequests.length}
            withCrops={withCrops}
            onWithCrops={setWithCrops}
          />
        )}
        {action === 'reply' && (
          <>
            <Form.Item label="回复的主要内容（整改情况摘要）" required>
              <Input.TextArea
                data-testid="action-text"
                autoSize={{ minRows: 3 }}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </Form.Item>
            <Space>
              <Button onClick={() => void pickFile()} data-testid="pick-reply-file">
                选择回复文件…
              </Button>
              <Typography.Text type={file ? undefined : 'secondary'}>
                {file ? `${file.name}（${(file.bytes.length / 1024).toFixed(1)} KB）` : '未选择（可不附）'}
              </Typography.Text>
            </Space>
          </>
        )}
        {action === 'check' && (
          <>
            {lastReply && (
              <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }}>
                <Descriptions.Item label="收到日期">{formatDate(lastReply.receivedAt)}</Descriptions.Item>
                <Descriptions.Item label="回复内容">{lastReply.summary}</Descriptions.Item>
                <Descriptions.Item label="回复文件">{lastReply.fileName ?? '无'}</Descriptions.Item>
              </Descriptions>
            )}
            <Form.Item label="审核结论">
              <Radio.Group value={verdict} onChange={(e) => setVerdict(e.target.value as 'close' | 'return')}>
                <Radio value="close">整改到位，销号</Radio>
                <Radio value="return">整改不到位，退回</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              label={verdict === 'close' ? '审核意见（可不填）' : '退回原因'}
              required={verdict === 'return'}
            >
              <Input.TextArea
                data-testid="action-text"
                autoSize={{ minRows: 2 }}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </Form.Item>
          </>
        )}
        {action === 'void' && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`作废后文号 ${letter.docNumber ?? ''} 登记为“已作废”，不再使用；整改函回到草稿，重新印发时分配新文号。`}
            />
            <Form.Item label="作废原因" required>
              <Input.TextArea
                data-testid="action-text"
                autoSize={{ minRows: 2 }}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </Form.Item>
          </>
        )}
        {error && (
          <Alert type="error" showIcon title={error} data-testid="action-error" style={{ marginTop: 12 }} />
        )}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
