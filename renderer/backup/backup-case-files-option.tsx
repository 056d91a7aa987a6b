// 备份 → whether backups carry the 电子案卷 (issue 27), with the bytes they add: scanned case files can
// be most of the store. Without them a backup keeps the files' records, hashes, page labels and pins;
// a restore of it says the files are missing. The backups made before a restore or an upgrade always
// carry them (backupIncludesCaseFiles).
import { Checkbox, Typography } from 'antd';
import { formatBytes } from '@shared/util/number-format';
import { useCaseFileSpace } from '../db/hooks/case-files';
import { useSettings } from '../db/hooks/settings';
import { BACKUP_SETTINGS_AREA, backupSettingsSchema } from '../workers/backup-service';

export function BackupCaseFilesOption() {
  const [settings, save] = useSettings(BACKUP_SETTINGS_AREA, backupSettingsSchema);
  const space = useCaseFileSpace();
  if (!settings || !space) return null;
  if (space.files === 0 && settings.caseFiles) return null;
  return (
    <div data-testid="backup-case-files">
      <Checkbox
        checked={settings.caseFiles}
        onChange={(e) => void save({ ...settings, caseFiles: e.target.checked })}
      >
        备份包含电子案卷文件（{space.files} 个文件，备份约增加 {formatBytes(space.bytes)}）
      </Checkbox>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
        {settings.caseFiles
          ? '手动备份和每日自动备份都包含电子案卷的文件内容。'
          : '手动备份和每日自动备份不含电子案卷的文件内容：文件的登记、SHA-256、页面标记和扣分标注仍在备份中，从这样的备份恢复后需重新导入文件。恢复前和升级前的自动备份始终包含文件。'}
      </Typography.Paragraph>
    </div>
  );
}

/** What a restore of a backup made without the case files' content says (empty for any other backup). */
export function missingCaseFilesNote(manifest: {
  caseFilesOmitted?: true;
  counts: Record<string, number>;
}): string {
  if (!manifest.caseFilesOmitted) return '';
  const n = manifest.counts.caseFiles ?? 0;
  if (n === 0) return '';
  return `此备份不含电子案卷文件：恢复后 ${n} 个电子案卷的登记、SHA-256、页面标记和扣分标注保留，文件内容缺失，需重新导入（按 SHA-256 核对后补回）。`;
}
