import { describe, expect, it } from 'vitest';
import {
  bandsWithGood,
  checkBands,
  editStandard,
  formatHalfPoints,
  freezeStandard,
  fromHalfPoints,
  isFrozen,
  newVersionFrom,
  parseStandardJson,
  serializeStandard,
  standardDigest,
  standardToJson,
  THREE_SYSTEMS_TAGS,
  toHalfPoints,
  validateStandard,
  type ReviewStandard,
} from '../../shared/standards/standard-model';
import {
  defaultCoercionStandard,
  defaultInspectionStandard,
  defaultLicensingStandard,
  defaultPenaltyStandard,
  defaultStandardFor,
  defaultStandards,
} from '../../shared/standards/default-standards';

/** Minimal valid standard file as a JSON object (decimal points). */
function fileObject(): Record<string, unknown> {
  return {
    kind: 'pingcha-review-standard',
    formatVersion: 1,
    id: 's1',
    name: '测试标准',
    caseTypes: ['行政处罚'],
    version: 1,
    status: 'draft',
    isDefault: false,
    total: 100,
    categories: [
      {
        id: 'c1',
        name: '事实证据',
        items: [
          {
            id: 'i1',
            title: '事实清楚',
            maxPoints: 60.5,
            deductions: [{ id: 'o1', label: '表述不全', amount: 2.5, mode: 'per-occurrence' }],
            legalBasis: '《行政处罚法》第四十条',
            group: '实体',
          },
          {
            id: 'i2',
            title: '公示',
            maxPoints: 39.5,
            deductions: [{ id: 'o2', label: '未公示', amount: 0.5, mode: 'once' }],
            group: '程序',
            tag: '执法公示',
          },
        ],
      },
    ],
    vetoes: [{ id: 'v1', kind: 'fail', text: '主体不合法' }],
    bands: [
      { grade: '不合格', min: 0, max: 60 },
      { grade: '合格', min: 60, max: 90 },
      { grade: '优秀', min: 90, max: 100 },
    ],
  };
}

function parseObj(o: unknown) {
  return parseStandardJson(JSON.stringify(o));
}

function errorsOf(o: unknown): string[] {
  const r = parseObj(o);
  if (r.ok) throw new Error('expected parse errors');
  return r.errors;
}

describe('half points', () => {
  it('converts multiples of 0.5 exactly and rejects others', () => {
    expect(toHalfPoints(2.5)).toBe(5);
    expect(toHalfPoints(0)).toBe(0);
    expect(fromHalfPoints(5)).toBe(2.5);
    expect(formatHalfPoints(5)).toBe('2.5');
    expect(formatHalfPoints(4)).toBe('2');
    expect(() => toHalfPoints(0.3)).toThrow('0.5 的整数倍');
    expect(() => toHalfPoints(Number.NaN)).toThrow('0.5 的整数倍');
  });
});

describe('parseStandardJson', () => {
  it('parses decimal points into integer half-points', () => {
    const r = parseObj(fileObject());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.standard;
    expect(s.totalHalfPoints).toBe(200);
    expect(s.categories[0]!.items[0]!.maxHalfPoints).toBe(121);
    expect(s.categories[0]!.items[0]!.deductions[0]!.amountHalfPoints).toBe(5);
    expect(s.categories[0]!.items[0]!.legalBasis).toBe('《行政处罚法》第四十条');
    expect(s.categories[0]!.items[1]!.legalBasis).toBe('');
    expect(s.categories[0]!.items[1]!.tag).toBe('执法公示');
    expect(s.bands[2]).toEqual({ grade: '优秀', minHalfPoints: 180, maxHalfPoints: 200 });
  });

  it('round-trips through serializeStandard', () => {
    const r = parseObj(fileObject());
    if (!r.ok) throw new Error(r.errors.join());
    const text = serializeStandard(r.standard);
    const again = parseStandardJson(text);
    expect(again.ok && again.standard).toEqual(r.standard);
    expect(JSON.parse(text).categories[0].items[0].maxPoints).toBe(60.5);
  });

  it('accepts a UTF-8 BOM', () => {
    expect(parseStandardJson('\uFEFF' + JSON.stringify(fileObject())).ok).toBe(true);
  });

  it('rejects points that are not multiples of 0.5, naming the place', () => {
    const o = fileObject();
    (
      o.categories as { items: { deductions: { amount: number }[] }[] }[]
    )[0]!.items[0]!.deductions[0]!.amount = 0.3;
    const errs = errorsOf(o);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain('第 1 个类别“事实证据”');
    expect(errs[0]).toContain('第 1 个评查项“事实清楚”');
    expect(errs[0]).toContain('第 1 个扣分选项“表述不全”');
    expect(errs[0]).toContain('扣分值必须是 0.5 的整数倍');
    expect(errs[0]).toContain('0.3');
  });

  it('rejects item maxima that do not sum to the total', () => {
    const o = fileObject();
    (o.categories as { items: { maxPoints: number }[] }[])[0]!.items[1]!.maxPoints = 30;
    const errs = errorsOf(o);
    expect(errs.join('\n')).toContain('各评查项满分合计 90.5 分，与标准总分 100 分不一致');
  });

  it('rejects duplicate ids across categories, items and vetoes', () => {
    const o = fileObject();
    (o.vetoes as { id: string }[])[0]!.id = 'i1';
    expect(errorsOf(o).join('\n')).toContain('编号“i1”重复');
  });

  it('rejects band gaps, overlaps, a wrong start and a wrong top', () => {
    const gap = fileObject();
    gap.bands = [
      { grade: '不合格', min: 0, max: 59.5 },
      { grade: '合格', min: 60, max: 90 },
      { grade: '优秀', min: 90, max: 100 },
    ];
    expect(errorsOf(gap).join()).toContain('之间有空档：59.5 至 60 分未覆盖');
    const overlap = fileObject();
    overlap.bands = [
      { grade: '不合格', min: 0, max: 60 },
      { grade: '合格', min: 59, max: 90 },
      { grade: '优秀', min: 90, max: 100 },
    ];
    expect(errorsOf(overlap).join()).toContain('重叠');
    const start = fileObject();
    start.bands = [
      { grade: '合格', min: 10, max: 90 },
      { grade: '优秀', min: 90, max: 100 },
    ];
    expect(errorsOf(start).join()).toContain('须从 0 分开始');
    const top = fileObject();
    top.bands = [
      { grade: '合格', min: 0, max: 90 },
      { grade: '优秀', min: 90, max: 99 },
    ];
    expect(errorsOf(top).join()).toContain('上限须为总分 100 分');
  });

  it('accepts a 良好 band', () => {
    const o = fileObject();
    o.bands = [
      { grade: '不合格', min: 0, max: 60 },
      { grade: '合格', min: 60, max: 80 },
      { grade: '良好', min: 80, max: 90 },
      { grade: '优秀', min: 90, max: 100 },
    ];
    const r = parseObj(o);
    expect(r.ok && r.standard.bands).toEqual(bandsWithGood(200));
  });

  it('reports missing fields, wrong types, bad enums and misspelt keys in Chinese', () => {
    const o = fileObject();
    delete o.name;
    const item = (o.categories as Record<string, unknown>[])[0]!.items as Record<string, unknown>[];
    item[0]!.group = '其他';
    item[1]!.tags = '执法公示';
    (item[1]!.deductions as Record<string, unknown>[])[0]!.mode = 'twice';
    o.version = '一';
    const errs = errorsOf(o);
    const all = errs.join('\n');
    expect(all).toContain('名称：缺少标准名称');
    expect(all).toContain('版本号须为数字');
    expect(all).toContain('分组须为 实体、程序、文书归档 之一');
    expect(all).toContain('无法识别的字段：tags');
    expect(all).toContain('扣分方式须为');
    for (const e of errs) expect(e).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects non-JSON, empty text, arrays and other files', () => {
    const bad = parseStandardJson('{ not json');
    expect(!bad.ok && bad.errors[0]).toContain('不是有效的 JSON');
    expect(parseStandardJson('   ').ok).toBe(false);
    const arr = parseStandardJson('[]');
    expect(!arr.ok && arr.errors[0]).toContain('JSON 对象');
    const other = fileObject();
    other.kind = 'pingcha-draw-record';
    expect(errorsOf(other).join()).toContain('不是评查标准文件');
  });

  it('rejects a negative or zero maximum and a deduction larger than its item', () => {
    const o = fileObject();
    const items = (o.categories as { items: Record<string, unknown>[] }[])[0]!.items;
    items[0]!.maxPoints = -1;
    expect(errorsOf(o).join()).toContain('满分须大于 0');
    const o2 = fileObject();
    const items2 = (o2.categories as { items: { deductions: { amount: number }[] }[] }[])[0]!.items;
    items2[1]!.deductions[0]!.amount = 40;
    expect(errorsOf(o2).join()).toContain('超过该项满分 39.5 分');
  });

  it('detects a published file whose content no longer matches its digest', () => {
    const r = parseObj(fileObject());
    if (!r.ok) throw new Error();
    const frozen = freezeStandard(r.standard, '2026-03-01T00:00:00.000Z');
    const obj = JSON.parse(serializeStandard(frozen));
    expect(parseObj(obj).ok).toBe(true);
    obj.categories[0].items[0].title = '改过的标题';
    expect(errorsOf(obj).join()).toContain('摘要不符');
  });
});

describe('versions and digest', () => {
  const base = (): ReviewStandard => {
    const r = parseObj(fileObject());
    if (!r.ok) throw new Error(r.errors.join());
    return r.standard;
  };

  it('digest is stable, content-sensitive and ignores lifecycle fields', () => {
    const a = base();
    expect(standardDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(standardDigest(base())).toBe(standardDigest(a));
    const frozen = freezeStandard(a, '2026-01-01T00:00:00Z');
    expect(frozen.digest).toBe(standardDigest(a));
    const changed = base();
    changed.categories[0]!.items[0]!.deductions[0]!.amountHalfPoints = 6;
    expect(standardDigest(changed)).not.toBe(standardDigest(a));
    // Key order in the JSON does not matter.
    const reordered = Object.fromEntries(Object.entries(fileObject()).reverse());
    const r = parseObj(reordered);
    expect(r.ok && standardDigest(r.standard)).toBe(standardDigest(a));
  });

  it('a frozen standard is immutable; editing makes version + 1', () => {
    const frozen = freezeStandard(base(), '2026-01-01T00:00:00Z');
    expect(isFrozen(frozen)).toBe(true);
    expect(() => {
      frozen.categories[0]!.items[0]!.title = 'x';
    }).toThrow();
    const edited = editStandard(frozen, (d) => {
      d.categories[0]!.items[0]!.title = '新标题';
    });
    expect(edited.version).toBe(2);
    expect(edited.status).toBe('draft');
    expect(edited.basedOn).toEqual({ version: 1, digest: frozen.digest });
    expect(frozen.categories[0]!.items[0]!.title).toBe('事实清楚');
    // Editing a draft keeps its version.
    const again = editStandard(edited, (d) => {
      d.name = '再改';
    });
    expect(again.version).toBe(2);
    expect(edited.name).toBe('测试标准');
    expect(newVersionFrom(again).version).toBe(3);
  });

  it('refuses to freeze an invalid standard', () => {
    const s = base();
    s.totalHalfPoints = 150;
    expect(() => freezeStandard(s)).toThrow('未通过校验');
  });
});

describe('default standards', () => {
  const all = defaultStandards();

  it('ships the four case types', () => {
    expect(all.map((s) => s.caseTypes[0])).toEqual(['行政处罚', '行政许可', '行政强制', '行政检查']);
    expect(defaultPenaltyStandard().name).toContain('一般程序');
    expect(defaultStandardFor('行政处罚（一般程序）')?.id).toBe('default-penalty-general');
    expect(defaultStandardFor('行政征收')).toBeUndefined();
  });

  it.each(all.map((s) => [s.name, s] as const))('%s passes validation and round-trips', (_n, s) => {
    expect(validateStandard(s)).toEqual([]);
    expect(s.isDefault).toBe(true);
    expect(s.name).toContain('（默认，可编辑）');
    expect(s.totalHalfPoints).toBe(200);
    const r = parseStandardJson(serializeStandard(s));
    expect(r.ok && r.standard).toEqual(s);
  });

  it.each(all.map((s) => [s.name, s] as const))(
    '%s has 卷面 20 + 内容 80, all 三项制度 tags, both veto kinds',
    (_n, s) => {
      const byPart = new Map<string, number>();
      for (const c of s.categories)
        for (const it of c.items)
          byPart.set(c.part ?? '', (byPart.get(c.part ?? '') ?? 0) + it.maxHalfPoints);
      expect(byPart.get('卷面')).toBe(40);
      expect(byPart.get('内容')).toBe(160);
      const tags = new Set(s.categories.flatMap((c) => c.items.map((i) => i.tag)).filter(Boolean));
      expect([...tags].sort()).toEqual([...THREE_SYSTEMS_TAGS].sort());
      expect(s.vetoes.some((v) => v.kind === 'fail')).toBe(true);
      expect(s.vetoes.some((v) => v.kind === 'cap')).toBe(true);
      const steps = new Set(
        s.categories.flatMap((c) => c.items.flatMap((i) => i.deductions.map((d) => d.amountHalfPoints))),
      );
      for (const step of steps) expect([1, 2, 4, 8, 10]).toContain(step);
    },
  );

  it('the penalty standard carries the handbook vetoes', () => {
    const texts = defaultPenaltyStandard()
      .vetoes.map((v) => `${v.kind}:${v.text}`)
      .join('\n');
    for (const t of [
      '主体不合法',
      '无行政执法资格',
      '少于 2 人',
      '事实不清',
      '证据不充分',
      '定性不准',
      '适用法律',
      '违反法定程序',
      '未移送',
    ])
      expect(texts).toMatch(new RegExp(`fail:.*${t}`));
    for (const t of ['印章', '引用法律条款错误', '超出法定范围', '无相应文书'])
      expect(texts).toMatch(new RegExp(`cap:.*${t}`));
  });

  it('standardToJson writes decimal points', () => {
    const j = standardToJson(defaultLicensingStandard()) as { total: number };
    expect(j.total).toBe(100);
    expect(defaultCoercionStandard().id).not.toBe(defaultInspectionStandard().id);
  });

  it('checkBands accepts the default bands of each default', () => {
    for (const s of all) expect(checkBands(s.bands, s.totalHalfPoints)).toEqual([]);
  });
});
