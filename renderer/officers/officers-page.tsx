import { sortPinyin } from '@shared/util/pinyin-sort';
import { Space, Tabs } from 'antd';
import { OfficerRegistry } from './registry';
import { SheetImportWizard } from './sheet-import-wizard';
import { ExamsTab } from './exams-tab';
import { TrainingTab } from './training-tab';
import { ReviewTab } from './review-tab';
import { RosterTab } from './roster-tab';
import { useOfficers } from '../db/hooks/officers';

/** 执法人员: registry, import, qualification exams, training, the yearly review and the public roster. */
export function OfficersPage() {
  const officers = useOfficers();
  const departments = sortPinyin(new Set((officers ?? []).map((o) => o.department)));
  return (
    <Tabs
      destroyOnHidden
      items={[
        { key: 'registry', label: '人员名册', children: <OfficerRegistry /> },
        {
          key: 'import',
          label: '导入名册',
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <SheetImportWizard target="officers" title="导入执法人员名册" departments={departments} />
            </Space>
          ),
        },
        { key: 'exams', label: '资格考试', children: <ExamsTab /> },
        { key: 'training', label: '法律知识培训', children: <TrainingTab /> },
        { key: 'review', label: '证件年审', children: <ReviewTab /> },
        { key: 'roster', label: '信息公示', children: <RosterTab /> },
      ]}
    />
  );
}
