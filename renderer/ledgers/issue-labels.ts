/** Chinese names of the ledger report's issue codes. */
export const LEDGER_ISSUE_LABELS: Record<string, string> = {
  'missing-field': '缺少必填项',
  'bad-date': '日期无法识别',
  'closed-before-filed': '结案早于立案',
  'bad-amount': '金额无法识别',
  'duplicate-in-file': '文件内重复',
  'duplicate-stored': '与已导入重复',
  'total-row': '合计/小计行',
  'empty-row': '空行',
  'unknown-case-type': '未知案件类型',
  'text-cleaned': '已删除不可见字符',
};
