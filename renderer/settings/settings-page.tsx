import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { getPlatform } from '../platform';
import { formatBytes } from '@shared/util/number-format';
import { readStorageStatus, requestPersistentStorage, type StorageStatus } from './storage';
import { DemoDataCard } from '../demo/demo-data-card';
import { BackupSettingsCard } from '../backup/backup-settings-card';
import { OperatorCard } from './operator-card';
import { OfficeKeyCard } from './office-key-card';
import { OfficersSettingsCard } from '../officers/officers-settings-card';
import { LettersSettingsCard } from '../letters/letters-settings-card';
import { DirectoryCard } from './directory-card';
import { RulePackCard } from './rule-pack-card';
import { useCaseFileSpace } from '../db/hooks/case-files';

export function SettingsPage() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [version, setVersion] = useState('');
  const [paths, setPaths] = useState<{ data: string; backups: string } | null>(null);
  const refresh = () => void readStorageStatus().then(setStatus);
  const caseFiles = useCaseFileSpace();
  useEffect(() => {
    refresh();
    void getPlatform().appVersion().then(setVersion);
    void getPlatform().dataPaths().then(setPaths);
  }, []);
  const percent =
    status?.usage != null && status.quota ? Math.min(100, (100 * status.usage) / status.quota) : 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <OperatorCard />
      <DirectoryCard />
      <RulePackCard />
      <Card title="数据存储">
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="持久化存储">
            {status?.persisted === true && (
              <Tag color="green">已开启：浏览器不会在空间紧张时自动清除本应用数据</Tag>
            )}
            {status?.persisted === false && (
              <Space>
                <Tag color="orange">未开启</Tag>
                <Button size="small" onClick={() => void requestPersistentStorage().then(refresh)}>
                  申请持久化存储
                </Button>
              </Space>
            )}
            {status?.persisted == null && <Tag>当前环境不支持查询</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="已用空间 / 可用配额">
            <span data-testid="storage-estimate">
              {formatBytes(status?.usage ?? null)} / {formatBytes(status?.quota ?? null)}
            </span>
            <Progress percent={Number(percent.toFixed(2))} size="small" style={{ maxWidth: 360 }} />
          </Descriptions.Item>
          <Descriptions.Item label="电子案卷">
            <span data-testid="case-file-space">
              {caseFiles ? `${caseFiles.files} 个文件，共 ${formatBytes(caseFiles.bytes)}` : '…'}
            </span>
          </Descriptions.Item>
          {paths && (
            <>
              <Descriptions.Item label="数据文件夹">
                <Typography.Text copyable>{paths.data}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="备份文件夹">
                <Typography.Text copyable>{paths.backups}</Typography.Text>
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        <Button style={{ marginTop: 12 }} onClick={refresh}>
          刷新
        </Button>
      </Card>
      <OfficeKeyCard />
      <OfficersSettingsCard />
      <BackupSettingsCard />
      <DemoDataCard />
      <LettersSettingsCard />
      <Card title="关于">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="应用">评查台 Pingcha</Descriptions.Item>
          <Descriptions.Item label="版本">{version}</Descriptions.Item>
          <Descriptions.Item label="运行环境">
            {getPlatform().kind === 'electron' ? '桌面版' : '浏览器版'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}
