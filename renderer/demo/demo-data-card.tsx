import { useState } from 'react';
import { App, Button, Card, Progress, Space, Typography } from 'antd';
import { useCaseIndex } from '../ledgers/case-index-context';
import { useImporterFactory } from '../ledgers/importer-context';
import { getDatabase } from '../db/database';
import { removeDemoData } from './demo-data';

export function DemoDataCard() {
  const { imports } = useCaseIndex();
  const makeImporter = useImporterFactory();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const hasDemo = imports.some((r) => r.isDemo);
  async function load() {
    const importer = makeImporter();
    setProgress(0);
    try {
      const n = await importer.loadDemo((p) =>
        setProgress(p.total ? Math.floor((100 * p.done) / p.total) : 0),
      );
      message.success(`已载入示例数据：${n.toLocaleString('zh-CN')} 件虚构案卷`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      importer.dispose();
      setProgress(null);
    }
  }
  return (
    <Card title="示例数据">
      <Space orientation="vertical">
        <Typography.Paragraph style={{ margin: 0 }}>
          载入一组虚构的执法台账（33
          个执法部门，带有标题行、全角数字、合计行等常见情况），用于在一分钟内熟悉导入、浏览和统计。示例数据有醒目标记，可一键移除，不影响您自己的数据。
        </Typography.Paragraph>
        {progress !== null ? (
          <Progress percent={progress} status="active" />
        ) : (
          <Space>
            <Button type="primary" onClick={() => void load()} disabled={hasDemo}>
              {hasDemo ? '示例数据已载入' : '载入示例数据'}
            </Button>
            {hasDemo && (
              <Button
                danger
                onClick={() =>
                  void removeDemoData(getDatabase()).then(() => message.success('示例数据已移除'))
                }
              >
                移除示例数据
              </Button>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}
