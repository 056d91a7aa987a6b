import { useDeferredValue } from 'react';
import { Space, Spin, Tabs } from 'antd';
import { ImportWizard } from './import-wizard';
import { CaseBrowser, CountMatrixCard } from './case-browser';
import { ImportList } from './import-list';
import { useCaseIndex } from './case-index-context';
import { RuleCensusPanel } from './rule-census-panel';

export function LedgersPage() {
  const { index } = useCaseIndex();
  // The tabs and their heads paint first; the case browser (selects, date range, the table over every row)
  // mounts in a later, separate render (issue 26: no UI task over 200 ms when the page opens).
  const settled = useDeferredValue(true, false);
  return (
    <Tabs
      defaultActiveKey={index.size ? 'browse' : 'import'}
      items={[
        {
          key: 'import',
          label: '导入台账',
          children: (
            <Space orientation="vertical" style={{ width: '100%' }} size={16}>
              <ImportWizard />
              <ImportList />
            </Space>
          ),
        },
        { key: 'browse', label: '案卷浏览', children: settled ? <CaseBrowser /> : <Spin /> },
        { key: 'matrix', label: '统计矩阵', children: <CountMatrixCard /> },
        { key: 'census', label: '台账体检', children: <RuleCensusPanel /> },
      ]}
    />
  );
}
