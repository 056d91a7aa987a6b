// The registry sheet the officers benches import: the header a clerk's 名册 has, and one row per officer.
import type { Cell } from '../../shared/ledger/types';
import type { Officer } from '../../shared/officers/officer-model';

export const REGISTRY_HEADER = [
  '姓名',
  '性别',
  '身份证号',
  '执法部门',
  '岗位',
  '人员性质',
  '执法证号',
  '执法区域',
  '发证日期',
  '有效期至',
  '状态',
];

/** An officer as a row under REGISTRY_HEADER. */
export function registryRow(o: Officer): Cell[] {
  return [
    o.name,
    o.gender,
    o.idNumber,
    o.department,
    o.post,
    o.employmentType,
    o.certificateNo,
    o.areas.join('、'),
    o.issueDate,
    o.expiryDate,
    o.status,
  ];
}
