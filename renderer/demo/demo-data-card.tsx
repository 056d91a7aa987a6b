import { App, Button, Card, Progress, Space, Typography } from 'antd';
import { useImporterFactory } from '../ledgers/importer-context';
import { demoCountText } from './demo-data';
import { appDemo, cancelDemoLoad, useDemoLoadState } from '../workers/demo-loader';
import { formatCount } from '@shared/util/number-format';
import { isCancelled } from '@shared/util/cancel';
import { DemoRemoveButton } from './demo-remove-button';
import { hasDemo } from './use-demo-counts';
import { useDemoCounts } from '../db/hooks/demo';

/** Loads the demo (with progress and a cancel button); `onLoaded` runs after a complete load. */
export function useDemoLoad(onLoaded?: () => void): () => Promise<void> {
  const makeImporter = useImporterFactory();
  const { message } = App.useApp();
  return async function load() {
    try {
      const r = await appDemo.loadDemoData(makeImporter());
      message.success(
        `已载入示例数据：${formatCount(r.cases)} 件虚构案卷，示例评查活动抽取 ${r.campaign.drawn} 件、已复核定稿 ${r.campaign.finalised} 件，示例执法人员 ${r.campaign.officers} 名`,
      );
      onLoaded?.();
    } catch (e) {
      if (isCancelled(e)) message.info('已取消载入示例数据，已写入的部分已撤销。');
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };
}

/** The demo's progress bar and cancel button while it loads. */
export function DemoLoadProgress() {
  const loading = useDemoLoadState();
  if (!loading.running) return null;
  return (
    <div data-testid="demo-progress">
      <Typography.Text type="secondary">{loading.text}</Typography.Text>
      <Space style={{ width: '100%' }}>
        <Progress percent={loading.percent} status="active" style={{ width: 480, maxWidth: '60vw' }} />
        <Button size="small" onClick={cancelDemoLoad} data-testid="demo-cancel">
          取消
        </Button>
      </Space>
    </div>
  );
}

export function DemoDataCard() {
  const load = useDemoLoad();
  const loading = useDemoLoadState();
  const counts = useDemoCounts();
  const present = hasDemo(counts);
  return (
    <Card title="示例数据" data-testid="demo-card">
      <Space orientation="vertical">
        <Typography.Paragraph style={{ margin: 0 }}>
          一步载入一个完整的虚构评查活动，用于在一分钟内熟悉全部流程：33
          个执法部门的台账（带有标题行、全角数字、合计行等常见情况），一次按固定种子完成的随机抽取（约 40
          件），6
          人评查组及其分配、已提交的评分表和复核定稿结果（可在“评查结果”中查看、在“整改函”中起草），以及 300
          名示例执法人员（含一次资格考试和年度培训）。示例数据有醒目标记，可一键移除，不影响您自己的数据。
        </Typography.Paragraph>
        {loading.running ? (
          <DemoLoadProgress />
        ) : (
          <Space wrap>
            <Button type="primary" onClick={() => void load()} disabled={present}>
              {present ? '示例数据已载入' : '载入示例数据'}
            </Button>
            {present && <DemoRemoveButton />}
            {present && counts && (
              <Typography.Text type="secondary" data-testid="demo-counts">
                当前有：{demoCountText(counts)}
              </Typography.Text>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
