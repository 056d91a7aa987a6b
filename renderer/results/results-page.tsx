import { EmptyPage } from '../ui/empty-page';
import { useEffect, useMemo } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Tooltip,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { gradeExplanation, type CampaignResults, type FileResult } from '@shared/review/results';
import { formatHalfPoints } from '@shared/standards/standard-model';
import { getPlatform } from '../platform';
import { Chart } from './chart';
import {
  gradeDistributionOption,
  problemsByGroupOption,
  threeSystemsOption,
  topProblemsOption,
} from './charts';
import { resultsWorkbook } from './results-export';
import { EstimatesPanel } from './estimates-panel';
import { AgreementPanel } from './agreement-panel';
import { FlagPrecisionCard } from './flag-precision-card';
import { useCampaignResultData, useComputedResults, useResultsCampaign } from './use-campaign-results';
import { useCampaigns } from '../db/hooks/campaigns';

export const GRADE_COLOR: Record<string, string> = {
  优秀: 'green',
  良好: 'blue',
  合格: 'gold',
  不合格: 'red',
};

export function GradeTag({ grade }: { grade: string }) {
  return <Tag color={GRADE_COLOR[grade] ?? 'default'}>{grade}</Tag>;
}

/** Picks the campaign shown on the results and letters pages. */
export function CampaignPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string) => void;
}) {
  const campaigns = useCampaigns();
  return (
    <Space>
      <Typography.Text>评查活动：</Typography.Text>
      <Select
        data-testid="results-campaign"
        style={{ minWidth: 320 }}
        value={value ?? undefined}
        placeholder="请选择评查活动"
        onChange={onChange}
        options={(campaigns ?? []).map((c) => ({
          value: c.id,
          label: `${c.name}${c.isDemo ? '（示例）' : ''}`,
        }))}
      />
    </Space>
  );
}

function FileProblems({ f }: { f: FileResult }) {
  if (f.problems.length + f.vetoes.length === 0)
    return <Typography.Text type="secondary">未发现问题</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {f.vetoes.map((v) => (
        <li key={v.vetoId}>
          <Tag color={v.kind === 'fail' ? 'red' : 'orange'}>{v.kind === 'fail' ? '否决项' : '限制优秀'}</Tag>
          {v.text}：{v.reason}
        </li>
      ))}
      {f.problems.map((p, i) => (
        <li key={i}>
          <Tag>{p.group}</Tag>
          {p.categoryName}“{p.itemTitle}”：{p.problem}
          {p.count > 1 ? `（${p.count}处）` : ''}，扣 {formatHalfPoints(p.amountHalfPoints)} 分
        </li>
      ))}
    </ul>
  );
}

function ResultsBody({ r }: { r: CampaignResults }) {
  const gradeOpt = useMemo(() => gradeDistributionOption(r), [r]);
  const topOpt = useMemo(() => topProblemsOption(r), [r]);
  const groupOpt = useMemo(() => problemsByGroupOption(r), [r]);
  const tsOpt = useMemo(() => threeSystemsOption(r), [r]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={4}>
          <Card size="small">
            <Statistic title="评查案卷" value={r.fileCount} suffix="件" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="参评单位" value={r.departments.length} suffix="个" />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="平均得分" value={r.overall.meanText} suffix="分" />
          </Card>
        </Col>
        {r.gradeDistribution.map((g) => (
          <Col span={4} key={g.grade}>
            <Card size="small" data-testid={`grade-count-${g.grade}`}>
              <Statistic title={`${g.grade}案卷`} value={g.count} suffix="件" />
            </Card>
          </Col>
        ))}
      </Row>
      {r.warnings.length > 0 && (
        <Alert type="warning" showIcon title="注意" description={r.warnings.slice(0, 5).join('；')} />
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small">
            <Chart option={gradeOpt} testId="chart-grades" />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small">
            <Chart option={groupOpt} testId="chart-groups" />
          </Card>
        </Col>
        <Col span={16} style={{ marginTop: 16 }}>
          <Card size="small">
            <Chart option={topOpt} height={340} testId="chart-top" />
          </Card>
        </Col>
        <Col span={8} style={{ marginTop: 16 }}>
          <Card size="small">
            <Chart option={tsOpt} height={340} testId="chart-three" />
          </Card>
        </Col>
      </Row>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'departments',
              label: '部门排名',
              children: (
                <Table
                  data-testid="department-table"
                  size="small"
                  rowKey="department"
                  pagination={false}
                  dataSource={r.departments}
                  columns={[
                    { title: '排名', dataIndex: 'rank', width: 64 },
                    { title: '执法部门', dataIndex: 'department' },
                    { title: '评查案卷', dataIndex: 'fileCount', width: 96 },
                    { title: '平均分', dataIndex: 'meanText', width: 96 },
                    {
                      title: '等次',
                      dataIndex: 'grade',
                      width: 96,
                      render: (g: string) => <GradeTag grade={g} />,
                    },
                    ...r.gradeDistribution.map((g) => ({
                      title: g.grade,
                      key: g.grade,
                      width: 80,
                      render: (_: unknown, d: (typeof r.departments)[number]) => d.gradeCounts[g.grade] ?? 0,
                    })),
                    { title: '问题数', dataIndex: 'problemCount', width: 88 },
                  ]}
                />
              ),
            },
            {
              key: 'files',
              label: '案卷结果',
              children: (
                <Table
                  data-testid="file-table"
                  size="small"
                  rowKey="itemId"
                  pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 件` }}
                  dataSource={r.files}
                  expandable={{ expandedRowRender: (f) => <FileProblems f={f} /> }}
                  columns={[
                    { title: '执法部门', dataIndex: 'department' },
                    {
                      title: '案卷编号',
                      key: 'caseNo',
                      render: (_: unknown, f: FileResult) => f.caseNo ?? f.itemId,
                    },
                    { title: '案件类型', dataIndex: 'caseType', width: 110 },
                    { title: '得分', dataIndex: 'total', width: 80 },
                    {
                      title: '等次',
                      dataIndex: 'grade',
                      width: 90,
                      render: (g: string, f: FileResult) => {
                        const why = gradeExplanation(f);
                        return why ? (
                          <Tooltip title={why}>
                            <span data-testid="grade-explained" aria-label={why}>
                              <GradeTag grade={g} />*
                            </span>
                          </Tooltip>
                        ) : (
                          <GradeTag grade={g} />
                        );
                      },
                    },
                    {
                      title: '问题',
                      key: 'n',
                      width: 80,
                      render: (_: unknown, f: FileResult) => f.problems.length + f.vetoes.length,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'problems',
              label: '高频问题',
              children: (
                <Table
                  size="small"
                  rowKey={(i) => `${i.standardId}|${i.itemId}`}
                  pagination={{ pageSize: 15, showSizeChanger: false }}
                  dataSource={r.problemsByItem}
                  columns={[
                    { title: '评查项', dataIndex: 'title' },
                    { title: '类别', dataIndex: 'group', width: 90 },
                    { title: '涉及案卷', dataIndex: 'fileCount', width: 90 },
                    { title: '问题处数', dataIndex: 'occurrences', width: 90 },
                    {
                      title: '扣分合计',
                      key: 'd',
                      width: 90,
                      render: (_: unknown, i: CampaignResults['problemsByItem'][number]) =>
                        formatHalfPoints(i.deductedHalfPoints),
                    },
                    { title: '问题举例', key: 'e', render: (_: unknown, i) => i.examples.join('；') },
                  ]}
                />
              ),
            },
            {
              key: 'three',
              label: '三项制度',
              children: (
                <Table
                  data-testid="three-systems-table"
                  size="small"
                  rowKey="tag"
                  pagination={false}
                  dataSource={r.threeSystems}
                  columns={[
                    { title: '制度', dataIndex: 'tag' },
                    { title: '适用案卷', dataIndex: 'applicableFiles' },
                    { title: '落实案卷', dataIndex: 'compliantFiles' },
                    { title: '落实率', dataIndex: 'rateText' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export function ResultsPage() {
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useResultsCampaign(campaigns);
  const data = useCampaignResultData(campaignId);
  const computed = useComputedResults(data);
  // Compute + render time for the bench (performance.measure 'results:compute+render').
  useEffect(() => {
    if (!computed) return;
    if (performance.getEntriesByName('results:compute-start').length > 0) {
      performance.measure('results:compute+render', 'results:compute-start');
      performance.clearMarks('results:compute-start');
    }
  }, [computed]);

  const exportXlsx = async () => {
    if (!computed || !data) return;
    try {
      const bytes = resultsWorkbook(computed.results, {
        estimates: computed.estimates,
        agreement: computed.agreement,
      });
      const ok = await getPlatform().saveFile({
        suggestedName: `${data.campaign.name}-评查结果.xlsx`,
        bytes,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      if (ok) void message.success('已导出评查结果。');
    } catch (e) {
      void message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  if (campaigns !== undefined && campaigns.length === 0) {
    return (
      <EmptyPage
        title="评查结果"
        description="还没有评查活动：请先在“评查活动”中创建活动并完成抽取和评查。"
        next={{ label: '去新建评查活动', route: 'campaigns' }}
      />
    );
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <CampaignPicker value={campaignId} onChange={setCampaignId} />
          <Button
            icon={<DownloadOutlined />}
            disabled={!computed || computed.results.fileCount === 0}
            onClick={() => void exportXlsx()}
            data-testid="export-results"
          >
            导出 Excel
          </Button>
        </Space>
      </Card>
      {computed && computed.missingStandards.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有评查结果找不到所用的评查标准（${computed.missingStandards.join('、')}），这些案卷未计入结果。`}
        />
      )}
      {computed && computed.results.fileCount === 0 && (
        <Card>
          <Empty description="该活动还没有复核完成的案卷：评查组长逐卷复核确定结果后，这里显示统计。" />
        </Card>
      )}
      {computed && computed.results.fileCount > 0 && <ResultsBody r={computed.results} />}
      {computed && data && computed.results.fileCount > 0 && (
        <EstimatesPanel data={data} results={computed.results} />
      )}
      {computed && <AgreementPanel agreement={computed.agreement} />}
      {data && <FlagPrecisionCard campaignId={data.campaign.id} />}
    </Space>
  );
}
