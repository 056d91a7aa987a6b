// Chinese names of the log's actions. A Record over every AuditAction: a new action without its
// label does not compile, and the log never shows a raw action name.
import type { AuditAction } from './audit-chain';

export const ACTION_LABELS: Record<AuditAction, string> = {
  'ledger.import': '导入台账',
  'ledger.delete': '删除台账',
  'campaign.create': '新建评查活动',
  'campaign.scope': '调整抽取范围规则',
  'directory.save': '编辑机构名录',
  'directory.rename': '机构改名',
  'directory.merge': '合并机构',
  'draw.create': '随机抽取',
  'draw.replace': '替换案卷',
  'draw.more': '追加抽取',
  'assignment.create': '分配评查人员',
  'assignment.reassign': '调整分配',
  'assignment.calibration': '指定校准案卷',
  'score.submit': '提交评分',
  'score.change-after-submit': '提交后修改评分',
  'review.finalise': '复核定稿',
  'letter.issue': '发出文书',
  'letter.void': '作废文书',
  'number.allocate': '公文定稿编号',
  'number.void': '作废公文编号',
  'letter.reply': '登记回复',
  'letter.close': '办结文书',
  'letter.return': '退回文书',
  'certificate.decision': '执法证决定',
  'officer.status': '执法人员状态',
  'officers.import': '导入执法人员',
  'officers.normalise': '按机构名录统一执法人员单位',
  'officer.save': '保存执法人员信息',
  'exam.import': '导入考试成绩',
  'training.import': '导入培训出勤',
  'standard.freeze': '冻结评查标准',
  'package.import': '导入评查包',
  'backup.restore': '从备份恢复',
  'key.create': '启用签名密钥',
  'key.change': '更换签名密钥',
  'key.import': '导入签名密钥',
  'report.issue': '印发通报',
  'rules.census': '台账体检',
  'rules.settings': '调整台账体检规则',
  'flag.decide': '处理台账体检线索',
  'casefile.attach': '附电子案卷',
  'casefile.remove': '移除电子案卷',
  'casefile.purge': '删除电子案卷文件内容（保留登记）',
  'demo.remove': '移除示例数据',
};

/** The Chinese name of an action; an entry from a newer version of the app shows 未知操作 with its name. */
export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? `未知操作（${action}）`;
}
