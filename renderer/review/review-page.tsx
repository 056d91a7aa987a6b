// 评查: per campaign, the panel and assignment, scoring by reviewers, and the lead's re-check.
import { Alert, Card, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { PanelTab } from '../panel/panel-tab';
import { ScoringTab } from './scoring-tab';
import { LeadTab } from './lead-tab';
import {
  useCampaignData,
  useCampaigns,
  useDrawnFiles,
  useOperator,
  useSelectedCampaign,
  useStandards,
} from './use-review-data';

export function ReviewPage() {
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useSelectedCampaign(campaigns);
  const data = useCampaignData(campaignId);
  const standards = useStandards();
  const operator = useOperator();
  const { files, rows } = useDrawnFiles(data);

  if (!campaigns) return <Spin />;
  if (campaigns.length === 0)
    return <Alert type="info" showIcon title="还没有评查活动。请先在“评查活动”中新建活动并随机抽取案卷。" />;

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
          {data && (
            <Typography.Text type="secondary" data-testid="review-counts">
              抽中 {files.length} 件 · 评查组 {data.reviewers.length} 人 · 已定稿 {data.finals.length} 件
            </Typography.Text>
          )}
          {data?.campaign.isDemo && <Tag color="orange">示例</Tag>}
          <Typography.Text type="secondary">操作人员：{operator}</Typography.Text>
        </Space>
      </Card>
      {!data || !standards ? (
        <Spin />
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
              key: 'lead',
              label: '复核',
              children: <LeadTab data={data} files={files} operator={operator} />,
            },
          ]}
        />
      )}
    </Space>
  );
}
