import { sortByPinyin } from '@shared/util/pinyin-sort';
import { EmptyPage } from '../ui/empty-page';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useProgressiveCount } from '../ui/use-progressive-count';
import {
  App,
  Alert,
  Button,
  Card,
  Drawer,
  Empty,
  Progress,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { FileZipOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { OfficialDocument } from '@shared/documents/layout-model';
import { withLogCode, type LogCodeLine } from '@shared/documents/log-code-line';
import { useCheckpointCodes } from '../db/hooks/audit';
import {
  buildRectificationLetter,
  letterFactsFor,
  letterSections,
  type LetterFacts,
} from '@shared/letters/rectification-letter';
import { daysBetween } from '@shared/letters/deadline';
import { followUps, isOverdue, LETTER_STATUS_TEXT, type LetterStatus } from '@shared/letters/letter-tracking';
import { letterDisplayName, type LetterSettings } from '@shared/letters/letter-settings';
import { letterStore, useLetters } from '../db/hooks/letters';
import { useOperatorName } from '../db/hooks/settings';
import { type LetterRecord } from '../db/letters-repository';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import { isCancelled } from '@shared/util/cancel';
import { CampaignPicker } from '../results/results-page';
import {
  useCampaignResultData,
  useComputedResults,
  useResultsCampaign,
} from '../results/use-campaign-results';
import { useCampaigns } from '../db/hooks/campaigns';
import { DocumentPreview } from './document-preview';
import { LetterActionModal, type LetterAction } from './letter-actions';
import { renderLetterBatch, zipBatch, type BatchItem } from './letter-batch';
import { ParagraphEditor } from './paragraph-editor';
import { ReportPanel } from './report-panel';
import { safeFileName, todayIso, useLetterSettings } from './use-letters';
import { formatDate } from '@shared/util/time-format';
import { errorText } from '@shared/util/error-text';

/** No issued letter has a log code yet (one constant, so the rows memo keeps). */
const NO_CODES: ReadonlyMap<string, LogCodeLine> = new Map();

const STATUS_COLOR: Record<LetterStatus, string> = {
  draft: 'default',
  issued: 'blue',
  replied: 'gold',
  returned: 'orange',
  closed: 'green',
};

// The worker loads and parses the two bundled CJK fonts (about 5 s) on its first PDF: start that when the
// page opens, so "generate all" does not wait for it.
let warmed = false;
const WARM_UP: OfficialDocument = {
  style: 'letter',
  title: '预热',
  blocks: [{ type: 'paragraph', text: '预热。' }],
};

interface Row {
  department: string;
  letter: LetterRecord | null;
  facts: LetterFacts | undefined;
}

/** The document of a letter: as issued, or the draft rebuilt from the current results and edits. */
export function letterDocument(
  row: Row,
  settings: LetterSettings,
  today: string,
  codes?: ReadonlyMap<string, LogCodeLine>,
): OfficialDocument {
  if (row.letter?.issuedDocument)
    return withLogCode(row.letter.issuedDocument, codes?.get(row.letter.id), settings.logCodePlacement);
  if (!row.facts) throw new Error(`“${row.department}”已没有需整改的问题（评查结果已变化）。`);
  return buildRectificationLetter(
    row.facts,
    settings,
    { docNumber: null, issueDate: today },
    row.letter?.edits ?? {},
  );
}

function StatusCell({ letter, today }: { letter: LetterRecord | null; today: string }) {
  if (!letter) return <Tag>未生成</Tag>;
  const overdue = isOverdue(letter, today);
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[letter.status]}>{LETTER_STATUS_TEXT[letter.status]}</Tag>
      {overdue && letter.deadline && (
        <Tag color="red" data-testid="overdue-tag">
          已逾期 {daysBetween(letter.deadline, today)} 天
        </Tag>
      )}
    </Space>
  );
}

/** Sum of the letters table's column widths (170 + 170 + 200 + 160 + 100 + 100 + 140 + 250). */
const LETTER_TABLE_WIDTH = 1290;

export function LettersPage() {
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useResultsCampaign(campaigns);
  const data = useCampaignResultData(campaignId);
  const computed = useComputedResults(data);
  const letters = useLetters(campaignId);
  const allLetters = useLetters(undefined);
  const [settings] = useLetterSettings();
  const actor = useOperatorName();
  const renderer = useDocumentRenderer();
  const today = todayIso();
  useEffect(() => {
    // Only for the Worker renderer (the in-process one in tests would block the page while parsing fonts).
    if (warmed || !settings || typeof Worker === 'undefined') return;
    warmed = true;
    void letterStore
      .readFontOverrides(settings)
      .then((fonts) => renderer.render(WARM_UP, 'pdf', fonts))
      .catch(() => undefined);
  }, [renderer, settings]);

  const [preview, setPreview] = useState<{ title: string; doc: OfficialDocument } | null>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const [action, setAction] = useState<{ action: LetterAction; row: Row } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  /** The running batch's own cancel. */
  const batchRun = useRef<AbortController | null>(null);
  const [batchInfo, setBatchInfo] = useState<string | null>(null);
  // The desktop writes the batch into a folder; the browser (no folder access) downloads one ZIP.
  const saveToFolder = !!getPlatform().saveFilesToFolder;

  const facts = useMemo(() => {
    if (!computed || !data) return [];
    const c = data.campaign;
    return letterFactsFor(
      { id: c.id, name: c.name, year: c.year },
      computed.results,
      computed.basis,
      computed.drawnByDepartment,
      computed.pageLabel,
    );
  }, [computed, data]);

  const rows: Row[] = useMemo(() => {
    const byDept = new Map(facts.map((f) => [f.department.department, f]));
    const out: Row[] = facts.map((f) => ({
      department: f.department.department,
      facts: f,
      letter: letters?.find((l) => l.department === f.department.department) ?? null,
    }));
    for (const l of letters ?? []) {
      if (!byDept.has(l.department)) out.push({ department: l.department, facts: undefined, letter: l });
    }
    // A list to look a unit up in: pinyin order, as everywhere else.
    return sortByPinyin(out, (r) => r.department);
  }, [facts, letters]);
  // 33 rows of buttons, tags and tooltips: a few rows per task (see useProgressiveCount).
  const shownRows = rows.slice(0, useProgressiveCount(rows.length, 8));

  // The 留痕校验码 of each issued letter (its signed letter.issue entry), printed on the letter.
  const codes = useCheckpointCodes('letter.issue') ?? NO_CODES;

  if (campaigns !== undefined && campaigns.length === 0) {
    return (
      <EmptyPage
        title="整改函"
        description="还没有评查活动：请先创建评查活动并完成评查，复核定稿后即可为存在问题的单位起草整改函。"
        next={{ label: '去新建评查活动', route: 'campaigns' }}
      />
    );
  }
  if (!settings) return null;

  /** Makes sure the row has a stored letter (drafts are created on first use). */
  const ensure = async (row: Row): Promise<LetterRecord> => {
    if (row.letter) return row.letter;
    if (!campaignId) throw new Error('请先选择评查活动。');
    return letterStore.ensureLetterDraft(campaignId, row.department);
  };

  const showPreview = (row: Row) => {
    try {
      const doc = letterDocument(row, settings, today, codes);
      setPreview({
        title: `${row.department}${row.letter?.docNumber ? `（${row.letter.docNumber}）` : '（草稿）'}`,
        doc,
      });
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const startAction = async (a: LetterAction, row: Row) => {
    try {
      const letter = await ensure(row);
      setAction({ action: a, row: { ...row, letter } });
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const generateAll = async () => {
    if (!campaignId || !data) return;
    try {
      performance.mark('letters:batch-start');
      await letterStore.ensureLetterDrafts(
        campaignId,
        facts.map((f) => f.department.department),
      );
      const stored = await letterStore.listLetters(campaignId);
      const items: BatchItem[] = [];
      for (const f of facts) {
        const letter = stored.find((l) => l.department === f.department.department) ?? null;
        const doc = letterDocument(
          { department: f.department.department, facts: f, letter },
          settings,
          today,
          codes,
        );
        items.push({ department: f.department.department, docNumber: letter?.docNumber ?? null, doc });
      }
      for (const l of stored) {
        if (!facts.some((f) => f.department.department === l.department) && l.issuedDocument) {
          items.push({
            department: l.department,
            docNumber: l.docNumber,
            doc: withLogCode(l.issuedDocument, codes.get(l.id), settings.logCodePlacement),
          });
        }
      }
      if (items.length === 0) {
        void message.info('没有需要发函的单位。');
        return;
      }
      setBatchInfo(null);
      setProgress({ done: 0, total: items.length * 2 });
      const fonts = await letterStore.readFontOverrides(settings);
      batchRun.current = new AbortController();
      const result = await renderLetterBatch(renderer, items, setProgress, fonts, batchRun.current.signal);
      performance.measure('letters:batch', 'letters:batch-start');
      const info = `已生成 ${result.count} 份${letterDisplayName(settings)}（DOCX 和 PDF 各 ${result.count} 份），用时 ${result.seconds.toFixed(2)} 秒，单份 PDF 最大 ${(result.maxPdfBytes / 1024).toFixed(0)} KB。`;
      setBatchInfo(info);
      const baseName = safeFileName(
        `${data.campaign.name}-${letterDisplayName(settings)}（${result.count}份）`,
      );
      const platform = getPlatform();
      if (platform.saveFilesToFolder) {
        // Desktop: every DOCX and PDF as its own file, in a new sub-folder (nothing is overwritten).
        const out = await platform.saveFilesToFolder({
          suggestedFolderName: baseName,
          files: result.entries,
        });
        if (out.saved) {
          void message.success(
            `已保存 ${out.written?.length ?? result.entries.length} 个文件到「${out.folder ?? ''}」。`,
          );
        }
      } else {
        const saved = await platform.saveFile({
          suggestedName: `${baseName}.zip`,
          bytes: zipBatch(result.entries),
          filters: [{ name: 'ZIP 压缩包', extensions: ['zip'] }],
        });
        if (saved) void message.success('已保存压缩包。');
      }
    } catch (e) {
      if (isCancelled(e)) void message.info('已取消生成。');
      else void message.error(`生成失败：${errorText(e)}`);
    } finally {
      setProgress(null);
    }
  };

  const downloadOne = async (row: Row, format: 'pdf' | 'docx') => {
    try {
      const doc = letterDocument(row, settings, today, codes);
      const fonts = format === 'pdf' ? await letterStore.readFontOverrides(settings) : undefined;
      const bytes = await renderer.render(doc, format, fonts);
      const name = `${safeFileName(row.department)}-${row.letter?.docNumber ? safeFileName(row.letter.docNumber) : '草稿'}.${format}`;
      await getPlatform().saveFile({
        suggestedName: name,
        bytes,
        filters: [{ name: format === 'pdf' ? 'PDF 文件' : 'Word 文档', extensions: [format] }],
      });
    } catch (e) {
      void message.error(`生成失败：${errorText(e)}`);
    }
  };

  const downloadReply = async (attachmentId: string) => {
    const att = await letterStore.getAttachment(attachmentId);
    if (!att) return void message.error('回复文件不存在。');
    await getPlatform().saveFile({ suggestedName: att.name, bytes: att.bytes });
  };

  const actionsFor = (row: Row) => {
    const l = row.letter;
    const status = l?.status ?? 'draft';
    return (
      <Space size={0} wrap>
        <Button type="link" size="small" onClick={() => showPreview(row)} data-testid="preview-letter">
          预览
        </Button>
        {status === 'draft' && row.facts && (
          <>
            <Button
              type="link"
              size="small"
              onClick={() => void ensure(row).then((letter) => setEditing({ ...row, letter }))}
            >
              修改正文
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() => void startAction('issue', row)}
              data-testid="issue-letter"
            >
              印发
            </Button>
          </>
        )}
        {(status === 'issued' || status === 'returned') && (
          <Button
            type="link"
            size="small"
            onClick={() => void startAction('reply', row)}
            data-testid="reply-letter"
          >
            登记回复
          </Button>
        )}
        {status === 'replied' && (
          <Button
            type="link"
            size="small"
            onClick={() => void startAction('check', row)}
            data-testid="check-letter"
          >
            审核回复
          </Button>
        )}
        {status === 'issued' && l && l.replies.length === 0 && (
          <Button type="link" size="small" danger onClick={() => void startAction('void', row)}>
            作废文号
          </Button>
        )}
        <Button type="link" size="small" onClick={() => void downloadOne(row, 'pdf')}>
          PDF
        </Button>
        <Button type="link" size="small" onClick={() => void downloadOne(row, 'docx')}>
          DOCX
        </Button>
      </Space>
    );
  };

  const listTab = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={saveToFolder ? <FolderOpenOutlined /> : <FileZipOutlined />}
          disabled={!!progress || facts.length === 0}
          onClick={() => void generateAll()}
          data-testid="generate-all"
        >
          生成全部{letterDisplayName(settings)}（DOCX + PDF，{saveToFolder ? '保存到文件夹' : '打包为 ZIP'}）
        </Button>
        {progress && (
          <>
            <Progress
              data-testid="batch-progress"
              style={{ width: 240 }}
              percent={Math.round((100 * progress.done) / Math.max(1, progress.total))}
              format={() => `${progress.done}/${progress.total}`}
            />
            <Button onClick={() => batchRun.current?.abort()}>取消</Button>
          </>
        )}
      </Space>
      {batchInfo && <Alert type="success" showIcon title={batchInfo} data-testid="batch-result" />}
      {computed?.drawnByDepartment === null && facts.length > 0 && (
        <Alert type="info" showIcon title="该活动没有抽取记录：函中只写评查案卷数，不写抽取数。" />
      )}
      <Table<Row>
        data-testid="letters-table"
        // 单位 and 操作 stay in view; the columns between scroll sideways in a small window.
        scroll={{ x: LETTER_TABLE_WIDTH }}
        size="small"
        rowKey="department"
        pagination={false}
        dataSource={shownRows}
        rowClassName={(r) => (r.letter && isOverdue(r.letter, today) ? 'letter-overdue' : '')}
        onRow={(r) => (r.letter && isOverdue(r.letter, today) ? { style: { background: '#fff1f0' } } : {})}
        locale={{ emptyText: computed ? '没有需要发函的单位（各单位案卷均未发现问题）' : '请选择评查活动' }}
        columns={[
          { title: '单位', dataIndex: 'department', width: 170, fixed: 'left' },
          {
            title: '评查情况',
            key: 'files',
            width: 170,
            render: (_: unknown, r) =>
              r.facts
                ? `${r.facts.files.length} 件，均分 ${r.facts.department.meanText}，${r.facts.department.grade}`
                : '—',
          },
          {
            title: '状态',
            key: 'status',
            width: 200,
            render: (_: unknown, r) => <StatusCell letter={r.letter} today={today} />,
          },
          { title: '发文字号', key: 'no', width: 160, render: (_: unknown, r) => r.letter?.docNumber ?? '—' },
          {
            title: '印发日期',
            key: 'date',
            width: 100,
            render: (_: unknown, r) => r.letter?.issueDate ?? '—',
          },
          {
            title: '整改期限',
            key: 'deadline',
            width: 100,
            render: (_: unknown, r) => r.letter?.deadline ?? '—',
          },
          {
            title: '回复',
            key: 'reply',
            width: 140,
            render: (_: unknown, r) => {
              const rep = r.letter?.replies.at(-1);
              if (!rep) return '—';
              return (
                <Tooltip title={rep.summary}>
                  <span>
                    {formatDate(rep.receivedAt)}
                    {rep.attachmentId && (
                      <Button type="link" size="small" onClick={() => void downloadReply(rep.attachmentId!)}>
                        附件
                      </Button>
                    )}
                  </span>
                </Tooltip>
              );
            },
          },
          {
            title: '操作',
            key: 'actions',
            width: 250,
            fixed: 'right',
            render: (_: unknown, r) => actionsFor(r),
          },
        ]}
      />
    </Space>
  );

  const todo = followUps(allLetters ?? [], today);
  const campaignName = (id: string) => campaigns?.find((c) => c.id === id)?.name ?? id;
  const todoTab = (
    <Table
      data-testid="follow-up-table"
      size="small"
      rowKey={(f) => f.letter.id}
      pagination={false}
      dataSource={todo}
      locale={{ emptyText: '没有待办事项' }}
      columns={[
        {
          title: '事项',
          key: 'kind',
          width: 180,
          render: (_: unknown, f) => (
            <Tag color={f.kind === 'overdue' ? 'red' : f.kind === 'check-reply' ? 'gold' : 'blue'}>
              {f.text}
            </Tag>
          ),
        },
        { title: '单位', key: 'dept', render: (_: unknown, f) => f.letter.department },
        { title: '发文字号', key: 'no', render: (_: unknown, f) => f.letter.docNumber ?? '—' },
        { title: '评查活动', key: 'c', render: (_: unknown, f) => campaignName(f.letter.campaignId) },
      ]}
    />
  );

  const editingSections =
    editing?.facts && settings
      ? letterSections(editing.facts, settings, { docNumber: null, issueDate: today })
      : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <CampaignPicker value={campaignId} onChange={setCampaignId} />
      </Card>
      <Card size="small">
        <Tabs
          items={[
            // The 文种 setting names the letter (default 函: shown as 整改函).
            { key: 'letters', label: `${letterDisplayName(settings)}`, children: listTab },
            { key: 'todo', label: `待办（${todo.length}）`, children: todoTab },
            {
              key: 'report',
              label: '评查情况通报',
              children:
                computed && data ? (
                  <ReportPanel data={data} computed={computed} settings={settings} onPreview={setPreview} />
                ) : (
                  <Empty description="请选择评查活动" />
                ),
            },
          ]}
        />
      </Card>
      <Drawer
        open={!!preview}
        onClose={() => setPreview(null)}
        title={preview ? `预览：${preview.title}` : ''}
        size={720}
        destroyOnHidden
      >
        {preview && <DocumentPreview doc={preview.doc} width={640} />}
      </Drawer>
      <ParagraphEditor
        open={!!editing}
        title={`修改正文：${editing?.department ?? ''}`}
        sections={editingSections}
        edits={editing?.letter?.edits ?? {}}
        onClose={() => setEditing(null)}
        onSave={async (edits) => {
          if (!editing?.letter) return;
          try {
            await letterStore.saveLetterEdits(editing.letter.id, edits);
            void message.success('已保存修改。');
          } catch (e) {
            void message.error(errorText(e));
            throw e;
          }
        }}
      />
      <LetterActionModal
        action={action?.action ?? null}
        letter={action?.row.letter ?? null}
        facts={action?.row.facts}
        settings={settings}
        actor={actor}
        onClose={() => setAction(null)}
      />
      {!settings.issuer && <Typography.Text type="danger">请先在“设置”中填写发文机关。</Typography.Text>}
    </Space>
  );
}
