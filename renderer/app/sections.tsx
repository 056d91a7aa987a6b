import type { ReactNode } from 'react';
import { DatabaseOutlined, SettingOutlined } from '@ant-design/icons';
import { LedgersPage } from '../ledgers/ledgers-page';
import { SettingsPage } from '../settings/settings-page';

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
  // campaigns (评查活动 / 随机抽取) go here
  // review (评查) goes here
  // results & letters go here
  // officers go here
  // data safety (备份与恢复 / 操作留痕) goes here
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];
