import type { ReactNode } from 'react';
import { Col, Row, Statistic, Typography } from 'antd';

/** The counts every import report opens with (ledgers and officers' sheets alike). */
export interface ImportCounts {
  fileName: string;
  sheetName: string;
  rowsRead: number;
  counts: { valid: number; errors: number; warnings: number };
}

/**
 * The head of an import report: the file and sheet, then rows read, valid (to import), errors (not imported)
 * and warnings; `last` is the fifth figure, the one each kind of import adds.
 */
export function ImportCountStats({ summary, last }: { summary: ImportCounts; last: ReactNode }) {
  return (
    <>
      <Typography.Text>
        {summary.fileName} · 工作表“{summary.sheetName}”
      </Typography.Text>
      <Row gutter={16}>
        <Col span={5}>
          <Statistic title="读取数据行" value={summary.rowsRead} />
        </Col>
        <Col span={5}>
          <Statistic
            title="有效（将导入）"
            value={summary.counts.valid}
            styles={{ content: { color: '#237804' } }}
          />
        </Col>
        <Col span={5}>
          <Statistic
            title="错误（不导入）"
            value={summary.counts.errors}
            styles={{ content: { color: summary.counts.errors ? '#cf1322' : undefined } }}
          />
        </Col>
        <Col span={4}>
          <Statistic title="警告" value={summary.counts.warnings} />
        </Col>
        <Col span={5}>{last}</Col>
      </Row>
    </>
  );
}
