// The configure step both import wizards share (执法台账, 执法人员): file, encoding, sheet and header row,
// a preview whose rows can be clicked to set the header, one column choice per field, what is still
// missing, and the two buttons. Each wizard adds its own notices and extra fields.
import type { ReactNode } from 'react';
import { Alert, Button, Col, Form, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { columnLetter } from '@shared/ledger/build-report';

export type EncodingChoice = 'auto' | 'gbk' | 'utf-8';

export interface SheetFacts {
  name: string;
  kind: 'xlsx' | 'csv';
  /** The detected encoding of a CSV. */
  encoding: string | null;
  /** rowCount null: a sheet listed by name only, read when chosen. */
  sheets: { name: string; rowCount: number | null }[];
  sheetIndex: number;
  /** Rows from the top of the chosen sheet, as text; the first is row `previewFrom`. */
  preview: string[][];
  previewFrom: number;
}

export function SheetConfigureStep(props: {
  file: SheetFacts;
  headers: string[];
  encoding: EncodingChoice;
  onEncoding: (e: EncodingChoice) => void;
  onSheet: (i: number) => void;
  /** 0-based. */
  headerRow: number;
  onHeaderRow: (r: number) => void;
  fields: { key: string; label: string }[];
  mapping: Partial<Record<string, number | null>>;
  onField: (key: string, column: number | null) => void;
  /** Shown between the controls and the preview (duplicates, no header found, remembered mapping ...). */
  notices?: ReactNode;
  /** More form columns after the field choices (default department, case type ...). */
  extraFields?: ReactNode;
  /** Shown below the form, above what is missing. */
  footer?: ReactNode;
  /** Chinese names of what is still missing; the next step waits for none. */
  missing: string[];
  maxPreviewColumns: number;
  onNext: () => void;
  onAbandon: () => void;
}) {
  const { file } = props;
  const columnOptions = [
    { value: -1, label: '（无此列）' },
    ...props.headers.map((h, i) => ({ value: i, label: `${columnLetter(i)} 列：${h || '（空表头）'}` })),
  ];
  const width = Math.min(props.maxPreviewColumns, Math.max(1, ...file.preview.map((r) => r.length)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Typography.Text strong>{file.name}</Typography.Text>
        <Tag>{file.kind.toUpperCase()}</Tag>
        {file.kind === 'csv' && (
          <>
            编码：
            <Select
              aria-label="文件编码"
              value={props.encoding}
              style={{ width: 210 }}
              onChange={(v) => props.onEncoding(v)}
              options={[
                { value: 'auto', label: `自动检测（${file.encoding === 'gbk' ? 'GBK' : 'UTF-8'}）` },
                { value: 'utf-8', label: 'UTF-8' },
                { value: 'gbk', label: 'GBK（简体中文 Windows）' },
              ]}
            />
          </>
        )}
        {file.sheets.length > 1 && (
          <>
            工作表：
            <Select
              aria-label="工作表"
              value={file.sheetIndex}
              style={{ width: 220 }}
              onChange={props.onSheet}
              options={file.sheets.map((s, i) => ({
                value: i,
                label: s.rowCount === null ? s.name : `${s.name}（${s.rowCount} 行）`,
              }))}
            />
          </>
        )}
        表头所在行：
        <InputNumber
          aria-label="表头所在行"
          min={1}
          max={Math.max(1, file.sheets[file.sheetIndex]?.rowCount ?? 1)}
          value={props.headerRow + 1}
          onChange={(v) => v && props.onHeaderRow(v - 1)}
        />
      </Space>
      {props.notices}
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey="k"
        rowClassName={(r) => (r.k === props.headerRow ? 'header-row-choice' : '')}
        onRow={(r) => ({
          onClick: () => props.onHeaderRow(r.k),
          style: r.k === props.headerRow ? { background: '#e6f0ff', fontWeight: 600 } : { cursor: 'pointer' },
        })}
        columns={[
          { title: '行', dataIndex: 'k', width: 56, render: (k: number) => k + 1 },
          ...Array.from({ length: width }, (_, c) => ({
            title: columnLetter(c),
            key: String(c),
            width: 120,
            ellipsis: true,
            render: (_: unknown, r: { cells: string[] }) => r.cells[c] ?? '',
          })),
        ]}
        dataSource={file.preview.map((cells, i) => ({ k: file.previewFrom + i, cells }))}
      />
      <Typography.Text type="secondary">点击预览中的一行可将其设为表头。</Typography.Text>
      <Form layout="vertical">
        <Row gutter={16}>
          {props.fields.map((f) => (
            // Three a row: a merged header's combined text ("处罚决定处罚决定书文号") stays readable at 1280 px.
            <Col xs={24} md={12} xl={8} key={f.key}>
              <Form.Item label={f.label} style={{ marginBottom: 8 }}>
                <Select
                  aria-label={`字段 ${f.label}`}
                  data-testid={`mapping-${f.key}`}
                  value={props.mapping[f.key] ?? -1}
                  options={columnOptions}
                  title={columnOptions.find((o) => o.value === (props.mapping[f.key] ?? -1))?.label}
                  popupMatchSelectWidth={false}
                  onChange={(v: number) => props.onField(f.key, v < 0 ? null : v)}
                />
              </Form.Item>
            </Col>
          ))}
          {props.extraFields}
        </Row>
      </Form>
      {props.footer}
      {props.missing.length > 0 && (
        <Alert type="error" showIcon message={`还缺少：${props.missing.join('；')}`} />
      )}
      <Space>
        <Button type="primary" disabled={props.missing.length > 0} onClick={props.onNext}>
          生成校验报告
        </Button>
        <Button onClick={props.onAbandon}>放弃此文件</Button>
      </Space>
    </Space>
  );
}
