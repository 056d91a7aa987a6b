import { Alert, AutoComplete, Checkbox, Col, Form, Select, Space, Typography } from 'antd';
import type { LedgerField } from '@shared/ledger/types';
import { INFERENCE_SOURCE_LABELS } from '@shared/ledger/infer';
import { FIELD_LABELS, LEDGER_FIELDS, missingRequiredFields } from '@shared/ledger/header';
import { CASE_TYPES } from '@shared/ledger/normalize';
import { fieldLabelFor } from '@shared/ledger/case-type-fields';
import { formatDate } from '@shared/util/time-format';
import type { ImportRecord } from '../db/schema';
import type { EncodingChoice, OpenedFile } from '../workers/ledger-import-protocol';
import { SheetConfigureStep } from '../ui/sheet-configure-step';
import type { Config } from './import-wizard-model';

/** 字段对应: the sheet, header row and columns of a ledger file, with what was found or remembered. */
export function ConfigureStep(props: {
  file: OpenedFile;
  duplicates: ImportRecord[];
  remembered: string | null;
  config: Config;
  setConfig: (c: Config) => void;
  knownDepartments: string[];
  onEncoding: (e: EncodingChoice) => void;
  onSheet: (i: number) => void;
  onNext: () => void;
  onAbandon: () => void;
}) {
  const { file, config, setConfig } = props;
  const headers = file.header?.headers ?? [];
  const MISSING_HINT: Partial<Record<LedgerField, string>> = {
    caseNo: '案件编号列',
    department: '执法部门（选择列或填写本文件所属部门）',
    caseType: '案件类型（选择列或指定统一类型）',
  };
  const missing = missingRequiredFields(config.mapping, config).map(
    (f) => MISSING_HINT[f] ?? FIELD_LABELS[f],
  );
  const unmapped = headers.filter((_, i) => !Object.values(config.mapping).includes(i));
  return (
    <SheetConfigureStep
      file={{ ...file, previewFrom: Math.max(0, (file.header?.headerRow ?? 0) - 3) }}
      headers={headers}
      encoding={config.encoding}
      onEncoding={props.onEncoding}
      onSheet={props.onSheet}
      headerRow={config.headerRow}
      onHeaderRow={(r) => setConfig({ ...config, headerRow: r })}
      // A file of one case type shows its own names (检查日期, not 立案日期, for inspections).
      fields={LEDGER_FIELDS.map((f) => ({
        key: f,
        label: fieldLabelFor(f, config.mapping.caseType === null ? config.defaultCaseType : null),
      }))}
      mapping={config.mapping}
      onField={(f, v) => setConfig({ ...config, mapping: { ...config.mapping, [f]: v } })}
      maxPreviewColumns={20}
      missing={missing}
      onNext={props.onNext}
      onAbandon={props.onAbandon}
      notices={
        <>
          {props.duplicates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message="该文件已导入过"
              description={`内容完全相同的文件已于 ${props.duplicates.map((d) => formatDate(d.committedAt)).join('、')} 导入（${props.duplicates[0]!.fileName}）。重复导入的案卷会作为“重复”被拒绝；如确需再次导入，请在校验报告中确认。`}
            />
          )}
          {!file.header && (
            <Alert type="warning" showIcon message="未能自动识别表头，请指定表头所在行并核对字段对应。" />
          )}
          <InferredNote file={file} config={config} />
          {file.mappingNotes.length > 0 && (
            <Alert
              type="info"
              showIcon
              data-testid="mapping-notes"
              message="按列内容识别的字段"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {file.mappingNotes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              }
            />
          )}
          {props.remembered && (
            <Alert type="info" showIcon message={`已套用“${props.remembered}”上次确认的字段对应。`} />
          )}
        </>
      }
      extraFields={
        <>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="本文件所属部门（无部门列时）" style={{ marginBottom: 8 }}>
              <AutoComplete
                aria-label="本文件所属部门"
                value={config.defaultDepartment}
                options={props.knownDepartments.map((d) => ({ value: d }))}
                onChange={(v) => setConfig({ ...config, defaultDepartment: v })}
                placeholder="如：市市场监督管理局"
                filterOption
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item label="统一案件类型（无类型列或为空时）" style={{ marginBottom: 8 }}>
              <Select
                aria-label="统一案件类型"
                allowClear
                value={config.defaultCaseType || undefined}
                onChange={(v) => setConfig({ ...config, defaultCaseType: v ?? '' })}
                options={CASE_TYPES.map((t) => ({ value: t }))}
                placeholder="不指定"
              />
            </Form.Item>
          </Col>
        </>
      }
      footer={
        <>
          {unmapped.length > 0 && (
            <Typography.Text type="secondary">
              未对应的列（{unmapped.join('、')}）会随原始单元格一并保存，不会丢弃。
            </Typography.Text>
          )}
          <Space>
            <Checkbox
              checked={config.remember}
              onChange={(e) => setConfig({ ...config, remember: e.target.checked })}
            >
              按部门记住此字段对应
            </Checkbox>
          </Space>
        </>
      }
    />
  );
}

function InferredNote({ file, config }: { file: OpenedFile; config: Config }) {
  const parts: string[] = [];
  const d = file.inferred.department;
  const t = file.inferred.caseType;
  if (d && config.mapping.department === null && config.defaultDepartment === d.value)
    parts.push(`本文件所属部门“${d.value}”（取自${INFERENCE_SOURCE_LABELS[d.source]}“${d.from}”）`);
  if (t && config.mapping.caseType === null && config.defaultCaseType === t.value)
    parts.push(`统一案件类型“${t.value}”（取自${INFERENCE_SOURCE_LABELS[t.source]}“${t.from}”）`);
  if (parts.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="import-inferred"
      message={`表中没有对应的列，已推断：${parts.join('；')}。请核对，如不对可在下方修改。`}
    />
  );
}
