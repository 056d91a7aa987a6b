import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Modal, Progress, Space, Tag, Typography } from 'antd';
import { isCancelled } from '@shared/util/cancel';
import { type BackupProgress, type LastBackup } from '../db/backup-repository';
import { backupStore, useLastBackup } from '../db/hooks/backup';
import { settingsStore } from '../db/hooks/settings';
import { createBackupRunner } from '../workers/backup-client';
import { WorkerError } from '../workers/rpc';
import type { BackupRunner } from '../workers/backup-protocol';
import { getPlatform } from '../platform';
import { navigate } from '../ui/router';
import { formatBytes } from '@shared/util/number-format';
import { appBackups, BACKUP_FILTERS, REASON_LABELS } from '../workers/backup-service';
import { tableLabel } from './table-labels';
import { RestoreCard } from './restore-card';
import { RestorePreview, restoreView, type Pending } from './restore-preview';
import { BackupCaseFilesOption, missingCaseFilesNote } from './backup-case-files-option';
import { formatDateTime } from '@shared/util/time-format';

const formatTime = formatDateTime;

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

/** Lets React paint the progress before a long synchronous step. */
const paint = () => new Promise((r) => setTimeout(r, 30));

/** The running step: what it does, its progress, and 取消 while it may still be cancelled. */
function BackupProgressCard({
  busy,
  progress,
  cancellable,
  cancelling,
  cancel,
}: {
  busy: string;
  progress: BackupProgress | null;
  cancellable: boolean;
  cancelling: boolean;
  cancel: () => void;
}) {
  return (
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
  );
}

/** 备份: what a backup holds, the last one, 立即备份. */
function BackupNowCard({
  last,
  folderBackups,
  busy,
  backupNow,
}: {
  last: LastBackup | null;
  folderBackups: boolean;
  busy: boolean;
  backupNow: () => void;
}) {
  return (
    <Card title="备份">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>
          把整个数据库（台账、评查活动、抽取记录、评分、文书、执法人员、操作留痕等全部数据）备份为一个
          <Typography.Text code>.pingcha-backup</Typography.Text>
          文件。备份可在本机或另一台安装了评查台的电脑上恢复。
          {folderBackups
            ? '每日自动备份、升级前和恢复前的自动备份保存在备份文件夹中。'
            : '浏览器版的备份以下载文件的形式保存，请妥善存放。'}
        </Typography.Paragraph>
        <LastBackupLine last={last} />
        <BackupCaseFilesOption />
        <Space>
          <Button type="primary" onClick={backupNow} disabled={busy} data-testid="backup-now">
            立即备份
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

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
  /** The running step's own cancel (a new one each step). */
  const stepRef = useRef<AbortController>(new AbortController());
  const signal = () => stepRef.current.signal;
  useEffect(
    () => () => {
      runnerRef.current?.dispose();
      runnerRef.current = null;
    },
    [],
  );

  function startStep(label: string) {
    stepRef.current = new AbortController();
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
    stepRef.current.abort();
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
        signal: signal(),
      });
      if (made.saved) message.success(`已备份：${made.fileName}（${formatBytes(made.bytes)}）`);
      else message.info('已取消保存备份');
      refreshFolder();
    } catch (e) {
      if (isCancelled(e) && e instanceof Error) message.info(e.message);
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
        signal(),
      );
      setLossConfirmed(false);
      setBrokenConfirmed(false);
      setTrustConfirmed(false);
      setPending({ fileName, fileKey, inspection, current: await backupStore.countTables() });
    } catch (e) {
      if (isCancelled(e)) message.info('已取消读取备份，数据库未作任何更改。');
      else
        setError(
          e instanceof WorkerError && e.code === 'BackupFileError'
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
          signal: signal(),
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
        signal(),
      );
      runner().discard(fileKey);
      message.success(
        `${result.migratedFrom ? `已恢复，并把数据从第 ${result.migratedFrom} 版结构升级到当前版本。` : '已恢复。'}${missingCaseFilesNote(result.manifest)}页面即将重新载入。`,
      );
      // The in-memory case index and every open view are rebuilt from the restored store.
      setTimeout(() => location.reload(), 1200);
    } catch (e) {
      runner().discard(fileKey);
      if (isCancelled(e)) message.info('已取消恢复，数据库未作任何更改。');
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      endStep();
    }
  }

  const confirmed = { loss: lossConfirmed, broken: brokenConfirmed, trust: trustConfirmed };
  const { mayRestore } = restoreView(pending, confirmed);

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
        <BackupProgressCard
          busy={busy}
          progress={progress}
          cancellable={cancellable}
          cancelling={cancelling}
          cancel={cancel}
        />
      )}
      <BackupNowCard
        last={last ?? null}
        folderBackups={!!platform.backups}
        busy={!!busy}
        backupNow={() => void backupNow()}
      />
      <RestoreCard
        busy={!!busy}
        folder={platform.backups ? folder : null}
        onChoose={() => void chooseFile()}
        onRestoreFromFolder={(name) => void platform.backups!.read(name).then((b) => inspect(name, b))}
      />
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
        <RestorePreview
          pending={pending}
          confirmed={confirmed}
          onConfirm={(which, value) =>
            ({ loss: setLossConfirmed, broken: setBrokenConfirmed, trust: setTrustConfirmed })[which](value)
          }
          onImportKeyFirst={() => {
            if (pending) runnerRef.current?.discard(pending.fileKey);
            setPending(null);
            navigate('settings');
          }}
        />
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
