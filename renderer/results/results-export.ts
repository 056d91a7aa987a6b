// 评查结果 as an XLSX workbook: departments, files, problems, frequent problems, 三项制度, grades.
import { writeXlsx } from '@shared/xlsx/write-xlsx';
import type { CampaignResults } from '@shared/review/results';
import { formatHalfPoints } from '@shared/standards/standard-model';

export function resultsWorkbook(r: CampaignResults): Uint8Array {
  const grades = r.gradeDistribution.map((g) => g.grade);
  return writeXlsx([
    {
      name: '部门排名',
      header: [
        '排名',
        '执法部门',
        '评查案卷数',
        '平均分',
        '等次',
        ...grades.map((g) => `${g}（件）`),
        '问题数',
      ],
      rows: r.departments.map((d) => [
        d.rank,
        d.department,
        d.fileCount,
        Number(d.meanText),
        d.grade,
        ...grades.map((g) => d.gradeCounts[g] ?? 0),
        d.problemCount,
      ]),
    },
    {
      name: '案卷结果',
      header: ['执法部门', '案卷编号', '案件类型', '得分', '等次', '否决项', '问题数'],
      rows: r.files.map((f) => [
        f.department,
        f.caseNo ?? f.itemId,
        f.caseType ?? '',
        f.total,
        f.grade,
        f.vetoes.map((v) => `${v.kind === 'fail' ? '否决' : '限优'}：${v.text}`).join('；'),
        f.problems.length + f.vetoes.length,
      ]),
    },
    {
      name: '问题明细',
      header: ['执法部门', '案卷编号', '类别', '评查项', '扣分选项', '问题描述', '次数', '扣分'],
      rows: r.files.flatMap((f) =>
        f.problems.map((p) => [
          f.department,
          f.caseNo ?? f.itemId,
          p.group,
          `${p.categoryName}：${p.itemTitle}`,
          p.optionLabel,
          p.problem,
          p.count,
          Number(formatHalfPoints(p.amountHalfPoints)),
        ]),
      ),
    },
    {
      name: '高频问题',
      header: ['评查项', '类别', '分类', '涉及案卷数', '问题处数', '扣分合计', '问题举例'],
      rows: r.problemsByItem.map((i) => [
        i.title,
        i.group,
        i.categoryName,
        i.fileCount,
        i.occurrences,
        Number(formatHalfPoints(i.deductedHalfPoints)),
        i.examples.join('；'),
      ]),
    },
    {
      name: '三项制度',
      header: ['制度', '适用案卷数', '落实案卷数', '落实率（%）'],
      // A number, so the office can sort and compute with it; '' where no file applies.
      rows: r.threeSystems.map((t) => [
        t.tag,
        t.applicableFiles,
        t.compliantFiles,
        t.permille === null ? '' : t.permille / 10,
      ]),
    },
    {
      name: '等次分布',
      header: ['等次', '案卷数'],
      rows: [...r.gradeDistribution.map((g) => [g.grade, g.count]), ['合计', r.fileCount]],
    },
  ]);
}
