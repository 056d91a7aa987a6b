import { useWorkspace } from '../db/hooks/packages';
import { useEffect, useState } from 'react';
import { App, Badge } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { appGate } from '../db/database';
import { useLastBackup } from '../db/hooks/backup';
import { getPlatform } from '../platform';
import { appBackups, DAY_MS } from '../workers/backup-service';
import { createBackupRunner } from '../workers/backup-client';

let started = false;

/**
 * The daily backup check, once per page load. Hosted by the 数据安全 nav icon because the left
 * navigation is the one part of the app always mounted (the app shell belongs to another area).
 */
function useDailyBackup(): boolean {
  const { message } = App.useApp();
  const [reminder, setReminder] = useState(false);
  useEffect(() => {
    const platform = getPlatform();
    // After the first screen is up: the check reads only counts and one meta record.
    const timer = setTimeout(() => {
      // The writer window makes the daily backup; a read-only window leaves it to the writer.
      if (started || appGate.role !== 'writer') return;
      started = true;
      // The export runs in the backup worker: the page stays responsive meanwhile.
      void appBackups
        .runDailyBackupIfDue(platform, undefined, () => createBackupRunner())
        .then(
          (state) => {
            if (state === 'written') message.success('已完成每日自动备份（保存在备份文件夹中）');
            // Browser: a download needs the user's consent; a dot on the nav icon reminds them
            // without covering anything on the page.
            setReminder(state === 'reminder');
          },
          (e: unknown) => message.error(`每日自动备份失败：${e instanceof Error ? e.message : String(e)}`),
        );
    }, 3000);
    return () => clearTimeout(timer);
  }, [message]);
  return reminder;
}

/**
 * The 数据安全 nav icon. The menu passes its icon class (size, and the gap before the label) through
 * `className`: it must land on the outermost element, or the label is squeezed against the icon.
 */
export function DataSafetyNavIcon({ className }: { className?: string }) {
  const due = useDailyBackup();
  // A backup made since (e.g. from the backup page) clears the reminder at once.
  const last = useLastBackup();
  // A reviewer's laptop shows their files and progress only: no backup reminder there.
  const workspace = useWorkspace();
  const reminder = workspace === null && due && !(last && Date.now() - Date.parse(last.at) < DAY_MS);
  return reminder ? (
    <Badge
      dot
      offset={[-2, 2]}
      className={className}
      title="超过 24 小时未备份，建议在“备份与恢复”中立即备份"
      data-testid="backup-reminder"
    >
      <SafetyOutlined />
    </Badge>
  ) : (
    <SafetyOutlined className={className} />
  );
}
