import type { ReactNode } from 'react';
import {
  AimOutlined,
  AuditOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { OfficersPage } from '../officers/officers-page';
import { CampaignsPage } from '../campaigns/campaigns-page';
import { LedgersPage } from '../ledgers/ledgers-page';
import { SettingsPage } from '../settings/settings-page';
import { DataSafetyPage } from '../backup/data-safety-page';
import { DataSafetyNavIcon } from '../backup/auto-backup';
import { StandardsPage } from '../standards/standards-page';
import { ReviewPage } from '../review/review-page';
import { ResultsPage } from '../results/results-page';
import { LettersPage } from '../letters/letters-page';

export interface Section {
  /** Hash route: #/key (sub-routes as #/key/...). */
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

// The left navigation, in workflow order. Only capabilities that exist appear here: no empty
// pages pretending to be features. Each area adds its own line.
export const SECTIONS: Section[] = [
  { key: 'ledgers', label: '执法台账', icon: <DatabaseOutlined />, render: () => <LedgersPage /> },
  { key: 'campaigns', label: '评查活动', icon: <AimOutlined />, render: () => <CampaignsPage /> },
  { key: 'standards', label: '评查标准', icon: <ProfileOutlined />, render: () => <StandardsPage /> },
  { key: 'review', label: '评查', icon: <AuditOutlined />, render: () => <ReviewPage /> },
  { key: 'results', label: '评查结果', icon: <BarChartOutlined />, render: () => <ResultsPage /> },
  { key: 'letters', label: '整改函', icon: <FileTextOutlined />, render: () => <LettersPage /> },
  { key: 'officers', label: '执法人员', icon: <IdcardOutlined />, render: () => <OfficersPage /> },
  { key: 'data-safety', label: '数据安全', icon: <DataSafetyNavIcon />, render: () => <DataSafetyPage /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];
