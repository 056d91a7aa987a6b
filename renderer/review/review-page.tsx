// 评查: per campaign, the panel and assignment, scoring by reviewers, and the lead's re-check.
import { EmptyPage } from '../ui/empty-page';
import { Alert, Card, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { PackageWorkspace } from '../db/package-repository';
import { useWorkspace } from '../db/hooks/packages';
import { useOperatorName } from '../db/hooks/settings';
import { useStandards } from '../db/hooks/standards';
import { PanelTab } from '../panel/panel-tab';
import { ScoringTab } from './scoring-tab';
import { LeadTab } from './lead-tab';
import { CaseFilesTab } from '../case-files/case-files-tab';
import { useCampaignData, useDrawnFiles, useSelectedCampaign } from './use-review-data';
import { useCampaigns } from '../db/hooks/campaigns';

export function ReviewPage() {
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useSelectedCampaign(campaigns);
  const data = useCampaignData(campaignId);
  const standards = useStandards();
  const operator = useOperatorName();
  const { files, rows } = useDrawnFiles(data);
  // A reviewer workspace (opened from a 评查包) is limited to that package: its campaign, its
  // reviewer and their files; the coordinator's panel, assignment and re-check are not offered.
  const workspace = useWorkspace();

  if (!campaigns) return <Spin />;
  if (campaigns.length === 0)
    return (
      <EmptyPage
        title="评查"
        description="还没有评查活动。请先在“评查活动”中新建活动并随机抽取案卷，再组建评查组、分配案卷。"
        next={{ label: '去新建评查活动', route: 'campaigns' }}
      />
    );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>评查活动</Typography.Text>
          <Select
            aria-label="评查活动"
            data-testid="review-campaign"
            style={{ width: 360 }}
            value={campaignId ?? undefined}
            onChange={setCampaignId}
            options={campaigns.map((c) => ({ value: c.id, label: `${c.name}（${c.year}）` }))}
          />
          {data && workspace && (
            <Typography.Text type="secondary" data-testid="review-counts">
              {workspaceProgress(workspace, data.sheets)}
            </Typography.Text>
          )}
          {data && workspace === null && (
            <Typography.Text type="secondary" data-testid="review-counts">
              抽中 {files.length} 件 · 评查组 {data.reviewers.length} 人 · 已定稿 {data.finals.length} 件
            </Typography.Text>
          )}
          {data?.campaign.isDemo && !workspace && <Tag color="orange">示例</Tag>}
          <Typography.Text type="secondary">操作人员：{operator}</Typography.Text>
        </Space>
      </Card>
      {workspace && (
        <Alert
          type="info"
          showIcon
          data-testid="workspace-banner"
          title={`本机是评查员工作区（来自评查包）：仅供 ${workspace.reviewerName} 评查“${workspace.campaignName}”中分配给本人的 ${workspace.itemIds.length} 件案卷。评完后请在“数据安全 → 评查包”中导出评查结果包，交回协调人。`}
        />
      )}
      {!data || !standards || workspace === undefined ? (
        <Spin />
      ) : workspace ? (
        <ScoringTab data={data} files={files} rows={rows} lockedReviewerId={workspace.reviewerId} />
      ) : (
        <Tabs
          destroyOnHidden
          defaultActiveKey={data.assignment ? 'scoring' : 'panel'}
          items={[
            {
              key: 'panel',
              label: '评查组与分配',
              children: <PanelTab data={data} files={files} standards={standards} operator={operator} />,
            },
            {
              key: 'scoring',
              label: '逐卷评查',
              children: <ScoringTab data={data} files={files} rows={rows} />,
            },
            {
              key: 'case-files',
              label: '电子案卷',
              children: <CaseFilesTab campaignId={data.campaign.id} files={files} operator={operator} />,
            },
            {
              key: 'lead',
              label: '复核',
              children: <LeadTab data={data} files={files} standards={standards} operator={operator} />,
            },
          ]}
        />
      )}
    </Space>
  );
}

/** A reviewer's own progress: their files, how many they have scored and submitted. */
function workspaceProgress(
  ws: PackageWorkspace,
  sheets: readonly { itemId: string; reviewerId: string; status: string }[],
): string {
  const mine = new Set(ws.itemIds);
  const own = sheets.filter((s) => s.reviewerId === ws.reviewerId && mine.has(s.itemId));
  const submitted = own.filter((s) => s.status === 'submitted').length;
  return `分配给本人 ${ws.itemIds.length} 件 · 已评分 ${own.length} 件 · 已提交 ${submitted} 件 · 未评 ${ws.itemIds.length - own.length} 件`;
}
