import { formatCount } from '@shared/util/number-format';
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { describeRestoreLoss } from '@shared/backup/restore-loss';
import { BackupFileError } from '@shared/backup/backup-format';
import {
  BackupCancelledError,
  type BackupInspection,
  type BackupProgress,
  type LastBackup,
} from '../db/backup-repository';
import { backupStore, useLastBackup } from '../db/hooks/backup';
import { settingsStore } from '../db/hooks/settings';
import { createBackupRunner } from '../workers/backup-client';
import type { BackupRunner } from '../workers/backup-protocol';
import { getPlatform } from '../platform';
import { navigate } from '../ui/router';
import { formatBytes } from '@shared/util/number-format';
import { appBackups, BACKUP_FILTERS, REASON_LABELS } from '../workers/backup-service';
import { tableLabel } from './table-labels';
import { formatDateTime } from '@shared/util/time-format';

const formatTime = formatDateTime;
/** Tables a new installation fills by itself (settings, its own key and its key entry). */
const INSTALLATION_TABLES: ReadonlySet<string> = new Set(['meta', 'auditLog', 'signingKeys']);

function progressPercent(p: BackupProgress | null): number {
  if (!p || !p.total) return 0;
  const within = p.part && p.part.total ? p.part.done / p.part.total : 0;
  return Math.min(100, Math.floor((100 * (p.done + within)) / p.total));
}

const PHASE_LABELS: Record<BackupProgress['phase'], string> = {
  export: '正在导出数据表',
  verify: '正在校验备份文件（SHA-256）',
  write: '正在写入数据库',
};

interface Pending {
  fileName: string;
  /** The bytes stay in the backup worker under this key (moved there, not copied). */
  fileKey: string;
  inspection: BackupInspection;
  current: Record<string, number>;
}

/** Lets React paint the progress before a long synchronous step. */
const paint = () => new Promise((r) => setTimeout(r, 30));

export function BackupPage() {
  const { message } = App.useApp();
  const platform = getPlatform();
  const last = useLastBackup();
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  /** The user confirmed what the restore undoes / restoring a backup whose log is broken. */
  const [lossConfirmed, setLossConfirmed] = useState(false);
  const [brokenConfirmed, setBrokenConfirmed] = useState(false);
  const [trustConfirmed, setTrustConfirmed] = useState(false);
  const [folder, setFolder] = useState<{ name: string; size: number }[] | null>(null);
  /** Whether the running step may still be cancelled (not once a restore replaces the store). */
  const [cancellable, setCancellable] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const runnerRef = useRef<BackupRunner | null>(null);
  const runner = (): BackupRunner => (runnerRef.current ??= createBackupRunner());
  useEffect(
    () => () => {
      runnerRef.current?.dispose();
      runnerRef.current = null;
    },
    [],
  );

  function startStep(label: string) {
    setBusy(label);
    setCancellable(true);
    setCancelling(false);
  }
  function endStep() {
    setBusy(null);
    setProgress(null);
    setCancellable(false);
    setCancelling(false);
  }
  function cancel() {
    setCancelling(true);
    runnerRef.current?.cancel();
  }
  /** Restore progress: once the replacing transaction reports, cancel no longer applies. */
  function onRestoreProgress(p: BackupProgress) {
    if (p.phase === 'write') setCancellable(false);
    setProgress(p);
  }

  const refreshFolder = () => {
    if (platform.backups) void platform.backups.list().then(setFolder, () => setFolder([]));
  };
  useEffect(refreshFolder, [platform]);

  async function backupNow() {
    setError(null);
    startStep('正在备份整个数据库…');
    await paint();
    try {
      const made = await appBackups.makeBackup(platform, 'manual', {
        onProgress: setProgress,
        runner: runner(),
      });
      if (made.saved) message.success(`已备份：${made.fileName}（${formatBytes(made.bytes)}）`);
      else message.info('已取消保存备份');
      refreshFolder();
    } catch (e) {
      if (e instanceof BackupCancelledError) message.info(e.message);
      else setError(`备份失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      endStep();
    }
  }

  async function inspect(fileName: string, bytes: Uint8Array) {
    setError(null);
    startStep(`正在读取备份“${fileName}”…`);
    await paint();
    try {
      const { fileKey, inspection } = await runner().inspect(
        { bytes, appVersion: await platform.appVersion() },
        setProgress,
      );
      setLossConfirmed(false);
      setBrokenConfirmed(false);
      setTrustConfirmed(false);
      setPending({ fileName, fileKey, inspection, current: await backupStore.countTables() });
    } catch (e) {
      if (e instanceof BackupCancelledError) message.info('已取消读取备份，数据库未作任何更改。');
      else
        setError(
          e instanceof BackupFileError
            ? `无法恢复“${fileName}”：${e.message}`
            : e instanceof Error
              ? e.message
              : String(e),
        );
    } finally {
      endStep();
    }
  }

  async function chooseFile() {
    const [file] = await platform.openFiles({ multiple: false, filters: BACKUP_FILTERS });
    if (file) await inspect(file.name, file.bytes);
  }

  async function restore() {
    if (!pending) return;
    const { fileKey, fileName } = pending;
    const log = pending.inspection.log;
    const acceptBrokenLogAt = log && !log.ok && brokenConfirmed ? log.brokenAt : undefined;
    const trustProblems = pending.inspection.trust?.problems ?? [];
    const acceptTrustProblems = trustProblems.length > 0 && trustConfirmed ? trustProblems : undefined;
    setPending(null);
    startStep('恢复前先自动备份当前数据…');
    await paint();
    try {
      if (Object.entries(await backupStore.countTables()).some(([t, n]) => t !== 'meta' && n > 0)) {
        await appBackups.makeBackup(platform, 'before-restore', {
          onProgress: setProgress,
          runner: runner(),
        });
      }
      setBusy(`正在从“${fileName}”恢复…`);
      const result = await runner().restore(
        {
          fileKey,
          appVersion: await platform.appVersion(),
          actor: await settingsStore.currentOperator(),
          ...(acceptBrokenLogAt !== undefined ? { acceptBrokenLogAt } : {}),
          ...(acceptTrustProblems ? { acceptTrustProblems } : {}),
        },
        onRestoreProgress,
      );
      runner().discard(fileKey);
      message.success(
        result.migratedFrom
          ? `已恢复，并把数据从第 ${result.migratedFrom} 版结构升级到当前版本。页面即将重新载入。`
          : '已恢复。页面即将重新载入。',
      );
      // The in-memory case index and every open view are rebuilt from the restored store.
      setTimeout(() => location.reload(), 1200);
    } catch (e) {
      runner().discard(fileKey);
      if (e instanceof BackupCancelledError) message.info('已取消恢复，数据库未作任何更改。');
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      endStep();
    }
  }

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
    (lossLines.length === 0 || lossConfirmed) &&
    (!log || log.ok || brokenConfirmed) &&
    (trustProblems.length === 0 || trustConfirmed);
  const rows = m
    ? m.tables.map((t) => ({
        key: t.name,
        label: tableLabel(t.name),
        backup: t.count,
        current: pending.current[t.name] ?? 0,
      }))
    : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          closable
          onClose={() => setError(null)}
          data-testid="backup-error"
        />
      )}
      {busy && (
        <Card data-testid="backup-busy">
          <div>
            <Typography.Text>{busy}</Typography.Text>
          </div>
          {progress && (
            <>
              <div>
                <Typography.Text type="secondary">
                  {PHASE_LABELS[progress.phase]}
                  {progress.table ? `：${tableLabel(progress.table)}` : ''}
                </Typography.Text>
              </div>
              <Progress percent={progressPercent(progress)} status="active" />
            </>
          )}
          <Space style={{ marginTop: 8 }} wrap>
            <Button
              onClick={cancel}
              disabled={!cancellable || cancelling}
              loading={cancelling && cancellable}
              data-testid="backup-cancel"
            >
              {cancelling ? '正在取消…' : '取消'}
            </Button>
            <Typography.Text type="secondary" data-testid="backup-cancel-hint">
              {cancellable
                ? busy.startsWith('正在备份')
                  ? '取消后不会写出任何备份文件。'
                  : '在开始替换本机数据之前可以取消，取消后数据库不作任何更改。'
                : '正在替换本机数据，此步骤不可取消：替换在一个事务中完成，要么全部恢复，要么数据库保持恢复前的状态。'}
            </Typography.Text>
          </Space>
        </Card>
      )}
      <Card title="备份">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            把整个数据库（台账、评查活动、抽取记录、评分、文书、执法人员、操作留痕等全部数据）备份为一个
            <Typography.Text code>.pingcha-backup</Typography.Text>
            文件。备份可在本机或另一台安装了评查台的电脑上恢复。
            {platform.backups
              ? '每日自动备份、升级前和恢复前的自动备份保存在备份文件夹中。'
              : '浏览器版的备份以下载文件的形式保存，请妥善存放。'}
          </Typography.Paragraph>
          <LastBackupLine last={last ?? null} />
          <Space>
            <Button
              type="primary"
              onClick={() => void backupNow()}
              disabled={!!busy}
              data-testid="backup-now"
            >
              立即备份
            </Button>
          </Space>
        </Space>
      </Card>
      <Card title="从备份恢复">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            恢复会用备份中的数据<Typography.Text strong>替换</Typography.Text>
            本机的全部数据。选择文件后先显示备份的内容和校验结果，确认后才会替换；替换前会自动备份当前数据。开始替换之前可以随时取消；替换本身在一个事务中完成，不可中途取消，失败时数据库保持原样。损坏、被改动或不是评查台的备份文件会被拒绝，本机数据不变。
          </Typography.Paragraph>
          <Button onClick={() => void chooseFile()} disabled={!!busy} data-testid="restore-choose">
            选择备份文件…
          </Button>
          {platform.backups && folder && (
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={folder}
              locale={{ emptyText: '备份文件夹中还没有备份' }}
              columns={[
                { title: '备份文件夹中的备份', dataIndex: 'name' },
                { title: '大小', dataIndex: 'size', width: 120, render: (n: number) => formatBytes(n) },
                {
                  title: '',
                  width: 100,
                  render: (_: unknown, r: { name: string }) => (
                    <Button
                      size="small"
                      disabled={!!busy}
                      onClick={() => void platform.backups!.read(r.name).then((b) => inspect(r.name, b))}
                    >
                      恢复…
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </Space>
      </Card>
      <Modal
        open={!!pending}
        title={`恢复备份：${pending?.fileName ?? ''}`}
        width={720}
        onCancel={() => {
          if (pending) runnerRef.current?.discard(pending.fileKey);
          setPending(null);
        }}
        okText="替换本机数据并恢复"
        okButtonProps={{ danger: true, disabled: !mayRestore, 'data-testid': 'restore-confirm' } as never}
        cancelText="取消"
        onOk={() => void restore()}
      >
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
                    <Button
                      onClick={() => {
                        if (pending) runnerRef.current?.discard(pending.fileKey);
                        setPending(null);
                        navigate('settings');
                      }}
                      data-testid="restore-import-key-first"
                    >
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
                      checked={trustConfirmed}
                      onChange={(e) => setTrustConfirmed(e.target.checked)}
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
                      checked={brokenConfirmed}
                      onChange={(e) => setBrokenConfirmed(e.target.checked)}
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
                      checked={lossConfirmed}
                      onChange={(e) => setLossConfirmed(e.target.checked)}
                      data-testid="restore-loss-confirm"
                    >
                      我已了解以上内容将被撤销，仍要恢复
                    </Checkbox>
                  </Space>
                }
              />
            )}
            {compat.kind !== 'refused' &&
              pending?.inspection.loss &&
              lossLines.length === 0 &&
              hereHasWork && (
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
      </Modal>
    </Space>
  );
}

function LastBackupLine({ last }: { last: LastBackup | null }) {
  if (!last) return <Tag color="orange">尚未备份过</Tag>;
  const stale = Date.now() - Date.parse(last.at) > 24 * 3600 * 1000;
  return (
    <Typography.Text data-testid="last-backup">
      上次备份：{formatTime(last.at)}（{REASON_LABELS[last.reason]}，{formatBytes(last.bytes)}，
      {last.where === 'download' ? '已下载' : last.where}）{stale && <Tag color="orange">已超过 24 小时</Tag>}
    </Typography.Text>
  );
}
