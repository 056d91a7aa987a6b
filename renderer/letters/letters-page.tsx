import { Alert, Button, Card, Drawer, Empty, Progress, Space, Tabs, Typography } from 'antd';
import { FileZipOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { LogCodeLine } from '@shared/documents/log-code-line';
import { letterSections } from '@shared/letters/rectification-letter';
import { followUps } from '@shared/letters/letter-tracking';
import { letterDisplayName } from '@shared/letters/letter-settings';
import { EmptyPage } from '../ui/empty-page';
import { useProgressiveCount } from '../ui/use-progressive-count';
import { useCheckpointCodes } from '../db/hooks/audit';
import { useLetters } from '../db/hooks/letters';
import { useOperatorName } from '../db/hooks/settings';
import { useCampaigns } from '../db/hooks/campaigns';
import { getPlatform } from '../platform';
import { CampaignPicker } from '../results/results-page';
import {
  useCampaignResultData,
  useComputedResults,
  useResultsCampaign,
} from '../results/use-campaign-results';
import { DocumentPreview } from './document-preview';
import { FollowUpTable } from './follow-up-table';
import { LetterActionModal } from './letter-actions';
import { useLetterRows } from './letter-rows';
import { LettersTable } from './letters-table';
import { ParagraphEditor } from './paragraph-editor';
import { ReportPanel } from './report-panel';
import { useLetterBatch } from './use-letter-batch';
import { useLetterRowActions } from './use-letter-row-actions';
import { todayIso, useLetterSettings } from './use-letters';

/** No issued letter has a log code yet (one constant, so the rows memo keeps). */
const NO_CODES: ReadonlyMap<string, LogCodeLine> = new Map();

/** 整改函: the campaign's letters (batch, per-unit actions), the follow-ups of all letters, and the 通报. */
export function LettersPage() {
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useResultsCampaign(campaigns);
  const data = useCampaignResultData(campaignId);
  const computed = useComputedResults(data);
  const letters = useLetters(campaignId);
  const allLetters = useLetters(undefined);
  const [settings] = useLetterSettings();
  const actor = useOperatorName();
  const today = todayIso();
  // The 留痕校验码 of each issued letter (its signed letter.issue entry), printed on the letter.
  const codes = useCheckpointCodes('letter.issue') ?? NO_CODES;
  const { facts, rows } = useLetterRows(data, computed, letters);
  // 33 rows of buttons, tags and tooltips: a few rows per task (see useProgressiveCount).
  const shownRows = rows.slice(0, useProgressiveCount(rows.length, 8));
  const batch = useLetterBatch({
    campaignId,
    campaignName: data?.campaign.name,
    facts,
    settings,
    today,
    codes,
  });
  const actions = useLetterRowActions(campaignId, settings, today, codes);
  // The desktop writes the batch into a folder; the browser (no folder access) downloads one ZIP.
  const saveToFolder = !!getPlatform().saveFilesToFolder;

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

  const { progress } = batch;
  const { editing, preview } = actions;
  const listTab = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={saveToFolder ? <FolderOpenOutlined /> : <FileZipOutlined />}
          disabled={!!progress || facts.length === 0}
          onClick={() => void batch.generateAll()}
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
            <Button onClick={batch.cancel}>取消</Button>
          </>
        )}
      </Space>
      {batch.batchInfo && (
        <Alert type="success" showIcon title={batch.batchInfo} data-testid="batch-result" />
      )}
      {computed?.drawnByDepartment === null && facts.length > 0 && (
        <Alert type="info" showIcon title="该活动没有抽取记录：函中只写评查案卷数，不写抽取数。" />
      )}
      <LettersTable
        rows={shownRows}
        today={today}
        emptyText={computed ? '没有需要发函的单位（各单位案卷均未发现问题）' : '请选择评查活动'}
        actions={actions}
      />
    </Space>
  );

  const todo = followUps(allLetters ?? [], today);
  const campaignName = (id: string) => campaigns?.find((c) => c.id === id)?.name ?? id;
  const editingSections = editing?.facts
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
            {
              key: 'todo',
              label: `待办（${todo.length}）`,
              children: <FollowUpTable todo={todo} campaignName={campaignName} />,
            },
            {
              key: 'report',
              label: '评查情况通报',
              children:
                computed && data ? (
                  <ReportPanel
                    data={data}
                    computed={computed}
                    settings={settings}
                    onPreview={actions.setPreview}
                  />
                ) : (
                  <Empty description="请选择评查活动" />
                ),
            },
          ]}
        />
      </Card>
      <Drawer
        open={!!preview}
        onClose={() => actions.setPreview(null)}
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
        onClose={actions.closeEditing}
        onSave={actions.saveEdits}
      />
      <LetterActionModal
        action={actions.action?.action ?? null}
        letter={actions.action?.row.letter ?? null}
        facts={actions.action?.row.facts}
        settings={settings}
        actor={actor}
        onClose={actions.closeAction}
      />
      {!settings.issuer && <Typography.Text type="danger">请先在“设置”中填写发文机关。</Typography.Text>}
    </Space>
  );
}
