import { Card, InputNumber, Space, Switch, Typography } from 'antd';
import { useSettings } from '../db/hooks/settings';
import { getPlatform } from '../platform';
import { BACKUP_SETTINGS_AREA, backupSettingsSchema } from '../workers/backup-service';

/** Settings → 备份: how many backups the folder keeps and whether the daily backup runs. */
export function BackupSettingsCard() {
  const [settings, save] = useSettings(BACKUP_SETTINGS_AREA, backupSettingsSchema);
  const desktop = !!getPlatform().backups;
  if (!settings) return null;
  return (
    <Card title="备份" data-testid="backup-settings">
      <Space orientation="vertical">
        <Space>
          <Switch
            checked={settings.autoDaily}
            onChange={(autoDaily) => void save({ ...settings, autoDaily })}
            aria-label="每日自动备份"
          />
          <Typography.Text>
            每日自动备份
            {desktop
              ? '（启动时若距上次备份超过 24 小时，自动写入备份文件夹）'
              : '（浏览器版：超过 24 小时未备份时提醒下载备份）'}
          </Typography.Text>
        </Space>
        <Space>
          <Typography.Text>备份文件夹保留最近</Typography.Text>
          <InputNumber
            min={1}
            max={100}
            precision={0}
            value={settings.keep}
            onChange={(v) => {
              if (typeof v !== 'number') return;
              // The desktop shell keeps its own copy of the setting and applies it when it prunes.
              void save({ ...settings, keep: v }).then(() => getPlatform().backups?.setKeep(v));
            }}
            aria-label="保留的备份份数"
            data-testid="backup-keep"
          />
          <Typography.Text>份（更早的自动删除；升级前和恢复前的备份同样计入）</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}
