import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { getDatabase } from '../../renderer/db/database';
import { addTrainingSession, importOfficerRecords } from '../../renderer/db/officers-repository';
import { readAuditLog } from '../../renderer/db/audit-repository';
import { OfficersImporterContext } from '../../renderer/officers/officers-context';
import { TrainingTab } from '../../renderer/officers/training-tab';
import { createInProcessOfficersImporter } from '../../renderer/workers/officers-import-client';
import { renderWithApp } from './render-app';
import { snapshot } from '../db/helpers';
import { rosterOfficer as officer } from '../fixtures/officers';

const enc = new TextEncoder();
const YEAR = new Date().getFullYear();

function withOfficers(ui: ReactNode) {
  return (
    <OfficersImporterContext.Provider value={() => createInProcessOfficersImporter(getDatabase())}>
      {ui}
    </OfficersImporterContext.Provider>
  );
}

async function seed() {
  const db = getDatabase();
  await Promise.all([
    db.officers.clear(),
    db.trainingSessions.clear(),
    db.trainingAttendance.clear(),
    db.auditLog.clear(),
  ]);
  await importOfficerRecords(
    db,
    [
      officer('a', '张三', '510601000001'),
      officer('b', '李四', '510601000002'),
      officer('c', '王五', '510601000003'),
    ],
    {
      fileName: '名册.xlsx',
      sheetName: 's',
      rowsRead: 3,
      counts: { valid: 3, errors: 0, warnings: 0, excluded: 0 },
      actor: '测试',
    },
  );
  return addTrainingSession(db, {
    title: '行政处罚法专题培训',
    date: `${YEAR}-03-15`,
    hours: 8,
    organiser: '市司法局',
  });
}

async function chooseSession(user: ReturnType<typeof userEvent.setup>, label: string) {
  await user.click(screen.getByLabelText('导入出勤的培训场次'));
  await user.click(await screen.findByTitle(label));
}

describe('training attendance import (UI)', () => {
  it('shows the report before writing, then writes the valid rows once and updates the yearly hours', async () => {
    const session = await seed();
    const db = getDatabase();
    const csv = [
      `${YEAR}年行政处罚法专题培训签到表,,,`,
      '序号,姓名,执法证号,单位,学时',
      '1,张三,510601000001,市交通运输局,8',
      '2,李四,510601000002,市交通运输局,6',
      '3,孙八,,市司法局,8',
      '4,张三,510601000001,市交通运输局,8',
    ].join('\r\n');
    const user = userEvent.setup();
    renderWithApp(withOfficers(<TrainingTab />), [{ name: '签到表.csv', bytes: enc.encode(csv) }]);
    await chooseSession(user, `${session.date} ${session.title}（8学时）`);
    await user.click(await screen.findByRole('button', { name: '选择签到/学时表…' }));
    await user.click(await screen.findByRole('button', { name: '生成校验报告' }));
    const report = await screen.findByTestId('officers-import-report');
    const stat = (title: string) => within(report).getByText(title).closest('.ant-statistic')!.textContent;
    expect(stat('有效（将导入）')).toContain('2');
    expect(stat('错误（不导入）')).toContain('2');
    expect(report).toHaveTextContent('第5行（孙八）按姓名“孙八”和单位“市司法局”在人员名册中都找不到该人员');
    expect(report).toHaveTextContent('第6行（张三）与第3行是同一人员');
    // Nothing written while the report is shown.
    expect(await db.trainingAttendance.count()).toBe(0);

    await user.click(within(report).getByRole('button', { name: '导入 2 条有效记录' }));
    expect(await screen.findByTestId('officers-import-done')).toHaveTextContent('出勤 2 人次');
    const stored = await db.trainingAttendance.toArray();
    expect(stored.map((a) => [a.officerId, a.hours]).sort()).toEqual([
      ['a', 8],
      ['b', 6],
    ]);
    const audit = await readAuditLog(db);
    expect(audit.filter((e) => e.action === 'training.import')).toHaveLength(1);
    // The yearly standings follow the import.
    const standings = screen.getByTestId('training-standings');
    await waitFor(() => {
      const rows = within(standings)
        .getAllByRole('row')
        .map((r) => r.textContent ?? '');
      expect(rows.find((t) => t.includes('李四'))).toContain('还差 34 学时');
      expect(rows.find((t) => t.includes('张三'))).toContain('还差 32 学时');
    });
  });

  it('says in Chinese why a bad file cannot be read and changes nothing', async () => {
    const session = await seed();
    const before = await snapshot(getDatabase());
    const user = userEvent.setup();
    renderWithApp(withOfficers(<TrainingTab />), [
      { name: '签到.pdf', bytes: enc.encode('%PDF-1.7\n%%EOF') },
    ]);
    expect(screen.getByRole('button', { name: '选择签到/学时表…' })).toBeDisabled();
    await chooseSession(user, `${session.date} ${session.title}（8学时）`);
    await user.click(await screen.findByRole('button', { name: '选择签到/学时表…' }));
    expect(await screen.findByTestId('officers-import-error')).toHaveTextContent(/签到\.pdf.*不是表格文件/);
    expect(await snapshot(getDatabase())).toEqual(before);
  });
});
