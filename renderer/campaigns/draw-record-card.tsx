import { formatCount } from '@shared/util/number-format';
import { useState } from 'react';
import { App, Button, Card, Descriptions, Space, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { buildDrawRecordDocument } from '@shared/draw/draw-record-document';
import { formatDateTimeSeconds } from '@shared/util/time-format';
import { SAMPLER_ALGORITHM_LABEL } from '@shared/draw/sampler';
import { withLogCode } from '@shared/documents/log-code-line';
import type { OperatorSettings } from '@shared/util/operator-settings';
import { auditStore } from '../db/hooks/audit';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import type { DrawView } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';
import { groupDigits } from './seed';

/** 抽取结果: the locked seed, time, people, population hash, algorithm and plan; exports as JSON, PDF, Word. */
export function DrawRecordCard({
  view,
  drawId,
  baseName,
  operatorSettings,
}: {
  view: DrawView;
  drawId: string;
  baseName: string;
  operatorSettings: OperatorSettings | undefined;
}) {
  const runner = useDrawRunner();
  const renderer = useDocumentRenderer();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState<string | null>(null);
  const r = view.record;

  const save = async (kind: 'json' | 'pdf' | 'docx') => {
    setExporting(kind);
    try {
      let bytes: Uint8Array;
      if (kind === 'json') bytes = await runner.exportRecord(drawId);
      else {
        const doc = withLogCode(
          buildDrawRecordDocument(r, operatorSettings?.unit ? { issuer: operatorSettings.unit } : {}),
          await auditStore.checkpointCode('draw.create', drawId),
        );
        bytes = await renderer.render(doc, kind);
      }
      const names = { json: 'JSON 文件', pdf: 'PDF 文件', docx: 'Word 文档' };
      const ok = await getPlatform().saveFile({
        suggestedName: `${baseName}.${kind}`,
        bytes,
        filters: [{ name: names[kind], extensions: [kind] }],
      });
      if (ok) message.success(`已导出“${baseName}.${kind}”`);
    } catch (e) {
      message.error(`导出失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(null);
    }
  };

  return (
    <Card
      title="抽取结果"
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting === 'json'}
            onClick={() => void save('json')}
          >
            导出记录（JSON）
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'pdf'} onClick={() => void save('pdf')}>
            导出 PDF
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting === 'docx'}
            onClick={() => void save('docx')}
          >
            导出 Word
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" bordered column={{ xs: 1, lg: 2 }}>
        <Descriptions.Item label="随机种子">
          <span data-testid="result-seed" style={{ fontFamily: 'monospace', fontSize: 18, fontWeight: 600 }}>
            {groupDigits(r.seed)}
          </span>{' '}
          <Tag>已锁定</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="抽取时间">{formatDateTimeSeconds(r.drawnAt)}</Descriptions.Item>
        <Descriptions.Item label="操作人员">{r.operator}</Descriptions.Item>
        <Descriptions.Item label="见证人">{r.witnesses.join('、') || '无'}</Descriptions.Item>
        <Descriptions.Item label="总体">
          {formatCount(r.population.size)} 件 · SHA-256 <code>{r.population.sha256}</code>
        </Descriptions.Item>
        <Descriptions.Item label="算法">
          {SAMPLER_ALGORITHM_LABEL}，版本 {r.algorithm.version}
        </Descriptions.Item>
        <Descriptions.Item label="方案">
          样本量 {r.allocation.total}，
          {r.stratification.by === 'department' ? '按部门分层' : '按部门 × 案件类型分层'}，每层最低{' '}
          {r.allocation.minimum}，每层备选 {r.allocation.sparesPerStratum}
        </Descriptions.Item>
        <Descriptions.Item label="当前">
          抽中 <b data-testid="drawn-count">{view.drawn.length}</b> 件，备选 {view.spares.length} 件，替换{' '}
          {r.replacements.length} 次，追加 {r.extras.length} 次
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
