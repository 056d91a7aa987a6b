import { Button, Card, Empty, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { navigate, useRoute } from '../ui/router';
import { useCampaigns, useDrawnCampaignIds } from '../db/hooks/campaigns';
import type { CampaignRecord } from '../db/workflow-records';
import { CampaignForm } from './campaign-form';
import { CampaignDetail } from './campaign-detail';
import { VerifyCard } from './verify-card';

/** 评查活动: #/campaigns (list, new, verify a record) and #/campaigns/<id> (plan, draw, result). */
export function CampaignsPage() {
  const route = useRoute();
  const id = route.split('/')[1];
  if (id) return <CampaignDetail campaignId={id} />;
  return <CampaignList />;
}

function CampaignList() {
  const campaigns = useCampaigns();
  const drawn = useDrawnCampaignIds();
  const [creating, setCreating] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title="评查活动"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建评查活动
          </Button>
        }
      >
        {campaigns && campaigns.length === 0 ? (
          <Empty description="还没有评查活动。新建一个活动，确定案卷范围后即可随机抽取。" />
        ) : (
          <Table<CampaignRecord>
            size="small"
            rowKey="id"
            loading={!campaigns}
            dataSource={campaigns ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`campaigns/${r.id}`) })}
            columns={[
              {
                title: '活动名称',
                key: 'name',
                render: (_, r) => (
                  <a data-testid="campaign-link" onClick={() => navigate(`campaigns/${r.id}`)}>
                    {r.name}
                  </a>
                ),
              },
              { title: '年度', dataIndex: 'year', width: 80 },
              {
                title: '结案日期范围',
                key: 'period',
                width: 220,
                render: (_, r) =>
                  r.periodFrom || r.periodTo
                    ? `${r.periodFrom ?? '不限'} 至 ${r.periodTo ?? '不限'}`
                    : '不限',
              },
              {
                title: '范围',
                key: 'scope',
                render: (_, r) =>
                  `${r.departments.length ? `${r.departments.length} 个部门` : '全部部门'}，${r.caseTypes.length ? r.caseTypes.join('、') : '全部案件类型'}`,
              },
              {
                title: '状态',
                key: 'status',
                width: 100,
                render: (_, r) => (drawn?.has(r.id) ? <Tag color="green">已抽取</Tag> : <Tag>待抽取</Tag>),
              },
            ]}
          />
        )}
      </Card>
      <VerifyCard />
      {creating && (
        <CampaignForm
          onClose={(created) => {
            setCreating(false);
            if (created) navigate(`campaigns/${created.id}`);
          }}
        />
      )}
    </Space>
  );
}
