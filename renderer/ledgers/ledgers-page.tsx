import { Space, Tabs } from 'antd';
import { ImportWizard } from './import-wizard';
import { CaseBrowser, CountMatrixCard } from './case-browser';
import { ImportList } from './import-list';
import { useCaseIndex } from './case-index-context';
import { RuleCensusPanel } from './rule-census-panel';

export function LedgersPage() {
  const { index } = useCaseIndex();
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
        { key: 'browse', label: '案卷浏览', children: <CaseBrowser /> },
        { key: 'matrix', label: '统计矩阵', children: <CountMatrixCard /> },
        { key: 'census', label: '台账体检', children: <RuleCensusPanel /> },
      ]}
    />
  );
}
