import { Tabs } from 'antd';
import { navigate, useRoute } from '../ui/router';
import { AuditLogPage } from '../audit/audit-log-page';
import { PackagesPage } from '../packages/packages-page';
import { BackupPage } from './backup-page';
import { useWorkspace } from '../db/hooks/packages';

const TABS = [
  { key: 'backup', label: '备份与恢复', render: () => <BackupPage /> },
  { key: 'packages', label: '评查包', render: () => <PackagesPage /> },
  { key: 'log', label: '操作留痕', render: () => <AuditLogPage /> },
];

/** 数据安全: backups and restore, panel packages, the tamper-evident log (#/data-safety/<tab>). */
export function DataSafetyPage() {
  const route = useRoute();
  // A reviewer workspace opens on 评查包 (where the results package is exported).
  const workspace = useWorkspace();
  const tab = TABS.find((t) => t.key === route.split('/')[1]) ?? (workspace ? TABS[1]! : TABS[0]!);
  return (
    <Tabs
      activeKey={tab.key}
      onChange={(k) => navigate(`data-safety/${k}`)}
      destroyOnHidden
      items={TABS.map((t) => ({
        key: t.key,
        label: t.label,
        children: t.key === tab.key ? t.render() : null,
      }))}
    />
  );
}
