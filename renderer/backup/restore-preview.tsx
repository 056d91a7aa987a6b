// 从备份恢复: what the chosen backup holds and what restoring it would undo, the questions the user must
// answer first (a broken or unsigned log, work done here since, another office key), as the restore dialog shows it.
import { Alert, Button, Checkbox, Descriptions, Space, Table } from 'antd';
import { describeRestoreLoss } from '@shared/backup/restore-loss';
import { formatCount } from '@shared/util/number-format';
import { formatDateTime } from '@shared/util/time-format';
import type { BackupInspection } from '../db/backup-repository';
import { REASON_LABELS } from '../workers/backup-service';
import { tableLabel } from './table-labels';
import { missingCaseFilesNote } from './backup-case-files-option';

const formatTime = formatDateTime;
/** Tables a new installation fills by itself (settings, its own key and its key entry). */
const INSTALLATION_TABLES: ReadonlySet<string> = new Set(['meta', 'auditLog', 'signingKeys']);

/** A backup read and checked by the backup worker, waiting for the user's answer. */
export interface Pending {
  fileName: string;
  /** The bytes stay in the backup worker under this key (moved there, not copied). */
  fileKey: string;
  inspection: BackupInspection;
  current: Record<string, number>;
}

/** The user's answers: restore despite what it undoes / a broken log / a log that proves nothing. */
export interface RestoreConfirmations {
  loss: boolean;
  broken: boolean;
  trust: boolean;
}

/** Everything the dialog shows about a pending restore, and whether it may go ahead with these answers. */
export function restoreView(pending: Pending | null, confirmed: RestoreConfirmations) {
  const m = pending?.inspection.manifest;
  const compat = pending?.inspection.compatibility;
  const log = pending?.inspection.log ?? null;
  const trust = pending?.inspection.trust ?? null;
  const trustProblems = trust?.problems ?? [];
  const keys = pending?.inspection.keys ?? null;
  // A new installation (nothing but its own key and settings) has nothing a restore could undo: no
  // word of 撤销 at all (issue 25 item 8).
  const hereHasWork = Object.entries(pending?.current ?? {}).some(
    ([t, n]) => !INSTALLATION_TABLES.has(t) && n > 0,
  );
  const keyQuestion =
    keys?.backup && keys.machine !== keys.backup
      ? keys.machine
        ? `本机的签名密钥（指纹 ${keys.machine}）不是备份中本单位的签名密钥（指纹 ${keys.backup}）。`
        : `本机还没有本单位的签名密钥；备份中本单位的签名密钥指纹为 ${keys.backup}。`
      : null;
  const lossLines =
    pending?.inspection.loss && m
      ? describeRestoreLoss(pending.inspection.loss, m.createdAt, formatTime)
      : [];
  const mayRestore =
    compat?.kind !== 'refused' &&
    (lossLines.length === 0 || confirmed.loss) &&
    (!log || log.ok || confirmed.broken) &&
    (trustProblems.length === 0 || confirmed.trust);
  const rows = m
    ? m.tables.map((t) => ({
        key: t.name,
        label: tableLabel(t.name),
        backup: t.count,
        current: pending.current[t.name] ?? 0,
      }))
    : [];

  return { m, compat, log, trust, trustProblems, keyQuestion, lossLines, hereHasWork, rows, mayRestore };
}

export function RestorePreview({
  pending,
  confirmed,
  onConfirm,
  onImportKeyFirst,
}: {
  pending: Pending | null;
  confirmed: RestoreConfirmations;
  onConfirm: (which: keyof RestoreConfirmations, value: boolean) => void;
  /** 先导入密钥文件: leaves the dialog for 设置. */
  onImportKeyFirst: () => void;
}) {
  const { m, compat, log, trust, trustProblems, keyQuestion, lossLines, hereHasWork, rows } = restoreView(
    pending,
    confirmed,
  );
  return (
    <>
      {m && compat && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="restore-preview">
          {compat.kind === 'refused' && <Alert type="error" showIcon title={compat.message} />}
          {compat.kind === 'older' && (
            <Alert
              type="info"
              showIcon
              title={`该备份来自较早的版本（数据库结构第 ${compat.from} 版），恢复时会自动升级到第 ${compat.to} 版。`}
            />
          )}
          {compat.kind !== 'refused' && missingCaseFilesNote(m) && (
            <Alert
              type="warning"
              showIcon
              data-testid="restore-no-case-files"
              title={missingCaseFilesNote(m)}
            />
          )}
          {compat.kind !== 'refused' && keyQuestion && (
            <Alert
              type="warning"
              showIcon
              data-testid="restore-key-question"
              title={keyQuestion}
              description={
                <Space orientation="vertical">
                  <span>
                    如果这是本单位换用的新电脑，请先导入原电脑导出的密钥文件（.pingcha-key），再恢复：恢复后本机将继续用同一把密钥签名，已印在文书上的留痕校验码和指纹都保持有效。
                    否则恢复后本机将用自己的密钥继续签名，操作留痕中会记录一次未经原密钥签名的密钥更换，外部核对人员需要向本单位核实新指纹。
                  </span>
                  <Button onClick={onImportKeyFirst} data-testid="restore-import-key-first">
                    先导入密钥文件（前往设置）
                  </Button>
                </Space>
              }
            />
          )}
          {compat.kind !== 'refused' && log?.ok && trustProblems.length === 0 && (
            <Alert
              type="success"
              showIcon
              data-testid="restore-integrity"
              title={`备份文件完整：每一部分的 SHA-256 校验值都与备份清单一致，操作留痕 ${log.entries} 条、哈希链完整，每条记录都有本单位密钥的有效签名，数据与留痕一致。`}
              description={trust?.warnings.length ? trust.warnings.join(' ') : undefined}
            />
          )}
          {compat.kind !== 'refused' && trustProblems.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="restore-trust"
              title={
                trust?.unsigned
                  ? `备份的操作留痕未签名，不能证明其中的数据未被改动（${trustProblems.length} 项问题）：`
                  : `备份的操作留痕不能证明其中的数据未被改动（${trustProblems.length} 项问题）：`
              }
              description={
                <Space orientation="vertical">
                  <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="restore-trust-problems">
                    {trustProblems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                  <Checkbox
                    checked={confirmed.trust}
                    onChange={(e) => onConfirm('trust', e.target.checked)}
                    data-testid="restore-trust-confirm"
                  >
                    我已知悉以上 {trustProblems.length} 项问题，仍要恢复（恢复记录会写明这一点）
                  </Checkbox>
                </Space>
              }
            />
          )}
          {compat.kind !== 'refused' && log && !log.ok && (
            <Alert
              type="error"
              showIcon
              data-testid="restore-integrity"
              title={`备份中的操作留痕不完整：第 ${log.brokenAt} 条记录断开（共 ${log.entries} 条）。`}
              description={
                <Space orientation="vertical">
                  <span>
                    {log.reason}各部分的 SHA-256
                    与备份清单一致，但留痕在备份前已被改动，不能据此证明数据未被改动。
                  </span>
                  <Checkbox
                    checked={confirmed.broken}
                    onChange={(e) => onConfirm('broken', e.target.checked)}
                    data-testid="restore-broken-confirm"
                  >
                    我确认仍要恢复这份操作留痕在第 {log.brokenAt} 条断开的备份
                  </Checkbox>
                </Space>
              }
            />
          )}
          {compat.kind !== 'refused' && lossLines.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="restore-loss"
              title={`恢复到备份时（${formatTime(m.createdAt)}）的状态，将撤销本机在此之后的以下工作：`}
              description={
                <Space orientation="vertical">
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {lossLines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  <Checkbox
                    checked={confirmed.loss}
                    onChange={(e) => onConfirm('loss', e.target.checked)}
                    data-testid="restore-loss-confirm"
                  >
                    我已了解以上内容将被撤销，仍要恢复
                  </Checkbox>
                </Space>
              }
            />
          )}
          {compat.kind !== 'refused' && pending?.inspection.loss && lossLines.length === 0 && hereHasWork && (
            <Alert
              type="info"
              showIcon
              data-testid="restore-loss"
              title="本机在备份之后没有印发整改函、分配文号、提交评分或作出执法证决定，恢复不会撤销这些工作。"
            />
          )}
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="备份时间">{formatTime(m.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="备份原因">{REASON_LABELS[m.reason]}</Descriptions.Item>
            <Descriptions.Item label="程序版本">{m.appVersion}</Descriptions.Item>
            <Descriptions.Item label="数据库结构">第 {m.schemaVersion} 版</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            scroll={{ y: 300 }}
            dataSource={rows}
            columns={[
              { title: '数据', dataIndex: 'label' },
              {
                title: '备份中',
                dataIndex: 'backup',
                width: 120,
                align: 'right',
                render: (n: number) => <span data-testid="preview-count">{formatCount(n)}</span>,
              },
              {
                title: '本机现有（将被替换）',
                dataIndex: 'current',
                width: 170,
                align: 'right',
                render: (n: number) => formatCount(n),
              },
            ]}
          />
        </Space>
      )}
    </>
  );
}
