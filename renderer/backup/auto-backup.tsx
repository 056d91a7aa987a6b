import { useEffect } from 'react';
import { App, Button } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { getDatabase } from '../db/database';
import { getPlatform } from '../platform';
import { makeBackup, runDailyBackupIfDue } from './backup-service';

let started = false;

/**
 * The daily backup check, once per page load. Hosted by the 数据安全 nav icon because the left
 * navigation is the one part of the app always mounted (the app shell belongs to another area).
 */
function useDailyBackup(): void {
  const { message, notification } = App.useApp();
  useEffect(() => {
    const platform = getPlatform();
    const db = getDatabase();
    // After the first screen is up: the check reads only counts and one meta record.
    const timer = setTimeout(() => {
      if (started) return;
      started = true;
      void runDailyBackupIfDue(db, platform).then(
        (state) => {
          if (state === 'written') message.success('已完成每日自动备份（保存在备份文件夹中）');
          if (state === 'reminder') {
            notification.info({
              key: 'daily-backup',
              title: '建议备份数据',
              description: '距上次备份已超过 24 小时（或尚未备份过）。浏览器版的备份以下载文件保存。',
              duration: 0,
              actions: (
                <Button
                  type="primary"
                  size="small"
                  onClick={() => {
                    notification.destroy('daily-backup');
                    void makeBackup(db, platform, 'daily').then(
                      () => message.success('备份已下载'),
                      (e: unknown) =>
                        message.error(`备份失败：${e instanceof Error ? e.message : String(e)}`),
                    );
                  }}
                >
                  下载备份
                </Button>
              ),
            });
          }
        },
        (e: unknown) => message.error(`每日自动备份失败：${e instanceof Error ? e.message : String(e)}`),
      );
    }, 3000);
    return () => clearTimeout(timer);
  }, [message, notification]);
}

export function DataSafetyNavIcon() {
  useDailyBackup();
  return <SafetyOutlined />;
}
