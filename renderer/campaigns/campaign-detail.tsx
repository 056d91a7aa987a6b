import { startTransition, useState } from 'react';
import { Breadcrumb, Card, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { sortPinyin } from '@shared/util/pinyin-sort';
import { CAMPAIGN_YEAR_NOTE } from '@shared/review/campaign-year';
import { navigate } from '../ui/router';
import { useCampaign, useDrawIdsOfCampaign } from '../db/hooks/campaigns';
import type { DrawView } from '../workers/draw-protocol';
import { DrawPlanner } from './draw-planner';
import { DrawResult } from './draw-result';

export function CampaignDetail({ campaignId }: { campaignId: string }) {
  const campaign = useCampaign(campaignId);
  const drawIds = useDrawIdsOfCampaign(campaignId);
  const [made, setMade] = useState<DrawView | null>(null);
  // A campaign with a draw opens straight on its result. (A deferred draw id rendered the whole planner
  // first, over the 500k-file index, only to tear it down again: two long tasks on every reopen.) After
  // a draw, the switch from planner to result is a transition (onDrawn), rendered in slices.
  const drawId = made?.drawId ?? drawIds?.[0] ?? null;
  if (campaign === undefined || drawIds === undefined) return <Spin />;
  if (campaign === null) {
    return (
      <Card>
        <Empty description="找不到该评查活动，可能已被删除。">
          <a onClick={() => navigate('campaigns')}>返回评查活动列表</a>
        </Empty>
      </Card>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Breadcrumb
        items={[{ title: <a onClick={() => navigate('campaigns')}>评查活动</a> }, { title: campaign.name }]}
      />
      <Card
        title={
          <span data-testid="campaign-title">
            {campaign.name} {drawId ? <Tag color="green">已抽取</Tag> : <Tag>待抽取</Tag>}
          </span>
        }
        size="small"
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="年度">
            <span style={{ whiteSpace: 'nowrap' }} data-testid="campaign-year">
              {campaign.year}年
            </span>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {CAMPAIGN_YEAR_NOTE}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="结案日期">
            <span style={{ whiteSpace: 'nowrap' }}>
              {campaign.periodFrom || campaign.periodTo
                ? `${campaign.periodFrom ?? '不限'} 至 ${campaign.periodTo ?? '不限'}`
                : '不限'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="案件类型">
            {campaign.caseTypes.length ? campaign.caseTypes.join('、') : '全部案件类型'}
          </Descriptions.Item>
          {Object.keys(campaign.dateByType ?? {}).length > 0 && (
            <Descriptions.Item label="按立案/受理/检查日期判断期间">
              {Object.keys(campaign.dateByType!).join('、')}
            </Descriptions.Item>
          )}
          {campaign.excludeReviewedBefore && (
            <Descriptions.Item label="以往已评查案卷">不纳入总体</Descriptions.Item>
          )}
          <Descriptions.Item label="执法部门" span={3}>
            {campaign.departments.length ? (
              <Typography.Paragraph
                style={{ margin: 0 }}
                ellipsis={{
                  rows: 2,
                  expandable: 'collapsible',
                  symbol: (open) => (open ? '收起' : '展开全部'),
                }}
              >
                {`${campaign.departments.length} 个：${sortPinyin(campaign.departments).join('、')}`}
              </Typography.Paragraph>
            ) : (
              '全部部门'
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {drawId ? (
        <DrawResult campaign={campaign} drawId={drawId} initial={made?.drawId === drawId ? made : null} />
      ) : (
        <DrawPlanner campaign={campaign} onDrawn={(v) => startTransition(() => setMade(v))} />
      )}
    </Space>
  );
}
