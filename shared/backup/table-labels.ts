// Chinese names of the store's tables, for every message that names one (backup, restore, log
// checks). The renderer's TABLE_LABELS is typed against the schema, so a new table without its label
// does not compile.
export const STORE_TABLE_LABELS = {
  meta: '设置与状态',
  imports: '台账导入记录',
  caseChunks: '案卷数据块（每块最多 2000 件）',
  rawChunks: '案卷原始单元格块',
  mappings: '列对应记忆',
  campaigns: '评查活动',
  draws: '随机抽取记录',
  drawEvents: '替换与追加抽取',
  drawPopulations: '抽取总体（全部案卷编号）',
  standards: '评查标准（含各版本）',
  reviewers: '评查人员',
  assignments: '人员分配',
  scoreSheets: '评分表',
  finalResults: '复核定稿结果',
  letters: '文书（整改函等）',
  letterNumbers: '文书编号',
  attachments: '附件',
  officers: '执法人员',
  examSittings: '考试场次',
  examCandidates: '考生',
  trainingSessions: '培训',
  trainingAttendance: '培训出勤',
  annualReviews: '年度审验',
  reviewDecisions: '审验决定',
  panelPackages: '评查包记录',
  auditLog: '操作留痕',
  auditSuperseded: '操作留痕（被恢复撤销的分支）',
  departments: '机构名录',
  signingKeys: '签名密钥（公钥）',
  ruleCensus: '台账体检结果',
  flagDecisions: '台账体检线索核实',
  caseFiles: '电子案卷（附在抽中案卷上的文件）',
  caseFileBytes: '电子案卷文件内容',
  caseFilePages: '电子案卷页面标签',
  caseFileReadings: '电子案卷页面识别（机器识别）',
} as const;

/** The Chinese name of a table; a table only a newer version of the app knows shows 未知数据表 with its name. */
export function storeTableLabel(name: string): string {
  return (STORE_TABLE_LABELS as Record<string, string>)[name] ?? `未知数据表（${name}）`;
}
