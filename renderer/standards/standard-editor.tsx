// The standard editor: categories, items (maximum, deduction options, legal basis, group, 三项制度),
// vetoes and grade bands. Validated live by the shared rules (Chinese messages with the place).
import { useId, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Drawer,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import {
  DEDUCTION_MODES,
  ITEM_GROUPS,
  THREE_SYSTEMS_TAGS,
  VETO_KINDS,
  formatHalfPoints,
  validateStandard,
  type ReviewStandard,
  type StandardItem,
} from '@shared/standards/standard-model';
import { standardStore } from '../db/hooks/standards';
import { LegalBasisArticles } from './legal-basis-articles';
import { describeBasis } from '@shared/standards/legal-articles';

const MODE_LABEL: Record<(typeof DEDUCTION_MODES)[number], string> = {
  'per-occurrence': '按次扣分',
  once: '只扣一次',
};
const VETO_LABEL: Record<(typeof VETO_KINDS)[number], string> = {
  fail: '一票否决（0 分，不合格）',
  cap: '不得评为优秀',
};

function shortId(prefix: string): string {
  const b = crypto.getRandomValues(new Uint8Array(4));
  return prefix + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Points input in steps of 0.5; the value is held as integer half-points. */
function Points({
  half,
  onChange,
  label,
  min = 0,
}: {
  half: number;
  onChange: (h: number) => void;
  label: string;
  min?: number;
}) {
  return (
    <InputNumber
      aria-label={label}
      size="small"
      min={min}
      step={0.5}
      value={half / 2}
      style={{ width: 84 }}
      onChange={(v) => {
        if (typeof v === 'number' && Number.isInteger(v * 2)) onChange(Math.round(v * 2));
      }}
    />
  );
}

type Edit = (f: (d: ReviewStandard) => void) => void;

/** 基本信息: name, case types, total and the items' sum, description. */
function BasicInfoCard({ s, edit }: { s: ReviewStandard; edit: Edit }) {
  const itemsSum = s.categories.reduce((n, c) => n + c.items.reduce((m, i) => m + i.maxHalfPoints, 0), 0);
  return (
    <Card size="small" title="基本信息" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Input
          aria-label="标准名称"
          addonBefore="名称"
          style={{ width: 420 }}
          value={s.name}
          onChange={(e) => edit((d) => void (d.name = e.target.value))}
        />
        <Select
          mode="tags"
          aria-label="适用案件类型"
          placeholder="适用案件类型"
          style={{ width: 260 }}
          value={s.caseTypes}
          onChange={(v: string[]) => edit((d) => void (d.caseTypes = v))}
          options={['行政处罚', '行政许可', '行政强制', '行政检查', '行政征收', '行政确认'].map((t) => ({
            value: t,
          }))}
        />
        <span>
          总分{' '}
          <Points
            label="总分"
            half={s.totalHalfPoints}
            min={0.5}
            onChange={(h) => edit((d) => void (d.totalHalfPoints = h))}
          />
        </span>
        <Typography.Text type={itemsSum === s.totalHalfPoints ? 'secondary' : 'danger'}>
          各项满分合计 {formatHalfPoints(itemsSum)} 分
        </Typography.Text>
      </Space>
      <Input.TextArea
        aria-label="说明"
        placeholder="说明"
        style={{ marginTop: 8 }}
        autoSize={{ minRows: 1, maxRows: 3 }}
        value={s.description ?? ''}
        onChange={(e) => edit((d) => void (d.description = e.target.value))}
      />
    </Card>
  );
}

/** One 评查项 with its basis, wording and deduction cases. */
function ItemCard({
  it,
  editItem,
  onRemove,
}: {
  it: StandardItem;
  editItem: (f: (it: StandardItem) => void) => void;
  onRemove: () => void;
}) {
  // The cited articles' subjects are read with the 依据 field when it has focus (not on hover only).
  const articlesId = useId();
  const citesArticles = describeBasis(it.legalBasis).length > 0;
  return (
    <Card size="small" style={{ background: '#fafafa' }}>
      <Space wrap>
        <Input
          aria-label="评查项名称"
          style={{ width: 360 }}
          value={it.title}
          onChange={(e) => editItem((x) => void (x.title = e.target.value))}
        />
        <span>
          满分{' '}
          <Points
            label="满分"
            half={it.maxHalfPoints}
            min={0.5}
            onChange={(h) => editItem((x) => void (x.maxHalfPoints = h))}
          />
        </span>
        <Select
          aria-label="分组"
          size="small"
          style={{ width: 110 }}
          value={it.group}
          onChange={(g) => editItem((x) => void (x.group = g))}
          options={ITEM_GROUPS.map((g) => ({ value: g, label: g }))}
        />
        <Select
          aria-label="三项制度"
          size="small"
          allowClear
          placeholder="三项制度"
          style={{ width: 170 }}
          value={it.tag}
          onChange={(t) =>
            editItem((x) => {
              if (t) x.tag = t;
              else delete x.tag;
            })
          }
          options={THREE_SYSTEMS_TAGS.map((t) => ({ value: t, label: t }))}
        />
        <Button size="small" danger type="link" onClick={onRemove}>
          删除评查项
        </Button>
      </Space>
      <Input
        aria-label="依据"
        aria-describedby={citesArticles ? articlesId : undefined}
        addonBefore="依据"
        size="small"
        style={{ marginTop: 6 }}
        value={it.legalBasis}
        onChange={(e) => editItem((x) => void (x.legalBasis = e.target.value))}
      />
      <LegalBasisArticles basis={it.legalBasis} id={articlesId} />
      <Input
        aria-label="问题表述"
        addonBefore="问题表述"
        placeholder="通报中该问题的标题，如“执法人员不足2人或未出示证件”（不填则用评查项名称）"
        size="small"
        style={{ marginTop: 6 }}
        value={it.problemWording ?? ''}
        onChange={(e) =>
          editItem((x) => {
            const v = e.target.value;
            if (v === '') delete x.problemWording;
            else x.problemWording = v;
          })
        }
      />
      {it.deductions.map((o, oi) => (
        <Space key={o.id} wrap style={{ marginTop: 6, marginLeft: 16 }}>
          <Tag>{oi + 1}</Tag>
          <Input
            aria-label="扣分情形"
            size="small"
            style={{ width: 360 }}
            value={o.label}
            onChange={(e) => editItem((x) => void (x.deductions[oi]!.label = e.target.value))}
          />
          <span>
            扣{' '}
            <Points
              label="扣分值"
              half={o.amountHalfPoints}
              min={0.5}
              onChange={(h) => editItem((x) => void (x.deductions[oi]!.amountHalfPoints = h))}
            />{' '}
            分
          </span>
          <Select
            aria-label="扣分方式"
            size="small"
            style={{ width: 110 }}
            value={o.mode}
            onChange={(m) => editItem((x) => void (x.deductions[oi]!.mode = m))}
            options={DEDUCTION_MODES.map((m) => ({ value: m, label: MODE_LABEL[m] }))}
          />
          <Button
            size="small"
            type="link"
            danger
            onClick={() => editItem((x) => void x.deductions.splice(oi, 1))}
          >
            删除
          </Button>
        </Space>
      ))}
      <div style={{ marginLeft: 16, marginTop: 6 }}>
        <Button
          size="small"
          onClick={() =>
            editItem(
              (x) =>
                void x.deductions.push({
                  id: shortId(`${x.id}-d`),
                  label: '',
                  amountHalfPoints: 1,
                  mode: 'per-occurrence',
                }),
            )
          }
        >
          添加扣分情形
        </Button>
      </div>
    </Card>
  );
}

/** The categories with their items, and 添加类别. */
function CategoriesEditor({ s, edit }: { s: ReviewStandard; edit: Edit }) {
  const editItem = (ci: number, ii: number, f: (it: StandardItem) => void) =>
    edit((d) => f(d.categories[ci]!.items[ii]!));
  return (
    <>
      <Collapse
        style={{ marginBottom: 12 }}
        items={s.categories.map((c, ci) => ({
          key: c.id,
          label: (
            <span>
              {c.part ? `${c.part} · ` : ''}
              {c.name}（{c.items.length} 项，
              {formatHalfPoints(c.items.reduce((n, i) => n + i.maxHalfPoints, 0))} 分）
            </span>
          ),
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Input
                  aria-label="类别名称"
                  addonBefore="类别"
                  value={c.name}
                  onChange={(e) => edit((d) => void (d.categories[ci]!.name = e.target.value))}
                />
                <Input
                  aria-label="部分"
                  addonBefore="部分"
                  placeholder="卷面 / 内容"
                  value={c.part ?? ''}
                  style={{ width: 180 }}
                  onChange={(e) => edit((d) => void (d.categories[ci]!.part = e.target.value))}
                />
                <Button danger size="small" onClick={() => edit((d) => void d.categories.splice(ci, 1))}>
                  删除类别
                </Button>
              </Space>
              {c.items.map((it, ii) => (
                <ItemCard
                  key={it.id}
                  it={it}
                  editItem={(f) => editItem(ci, ii, f)}
                  onRemove={() => edit((d) => void d.categories[ci]!.items.splice(ii, 1))}
                />
              ))}
              <Button
                size="small"
                onClick={() =>
                  edit(
                    (d) =>
                      void d.categories[ci]!.items.push({
                        id: shortId('it-'),
                        title: '',
                        maxHalfPoints: 2,
                        deductions: [],
                        legalBasis: '',
                        group: '实体',
                      }),
                  )
                }
              >
                添加评查项
              </Button>
            </Space>
          ),
        }))}
      />
      <Button
        style={{ marginBottom: 12 }}
        onClick={() =>
          edit((d) => void d.categories.push({ id: shortId('cat-'), name: '新类别', items: [] }))
        }
      >
        添加类别
      </Button>
    </>
  );
}

/** 否决项: fail and cap vetoes. */
function VetoesCard({ s, edit }: { s: ReviewStandard; edit: Edit }) {
  return (
    <Card size="small" title="否决项" style={{ marginBottom: 12 }}>
      {s.vetoes.map((v, vi) => (
        <Space key={v.id} wrap style={{ marginBottom: 6 }}>
          <Select
            aria-label="否决项类型"
            size="small"
            style={{ width: 190 }}
            value={v.kind}
            onChange={(k) => edit((d) => void (d.vetoes[vi]!.kind = k))}
            options={VETO_KINDS.map((k) => ({ value: k, label: VETO_LABEL[k] }))}
          />
          <Input
            aria-label="否决项内容"
            size="small"
            style={{ width: 420 }}
            value={v.text}
            onChange={(e) => edit((d) => void (d.vetoes[vi]!.text = e.target.value))}
          />
          <Button size="small" type="link" danger onClick={() => edit((d) => void d.vetoes.splice(vi, 1))}>
            删除
          </Button>
        </Space>
      ))}
      <div>
        <Button
          size="small"
          onClick={() => edit((d) => void d.vetoes.push({ id: shortId('veto-'), kind: 'fail', text: '' }))}
        >
          添加否决项
        </Button>
      </div>
    </Card>
  );
}

/** 等次: the grade bands. */
function BandsCard({ s, edit }: { s: ReviewStandard; edit: Edit }) {
  return (
    <Card size="small" title="等次（从低到高；下限含、上限不含，最高等次含总分）">
      {s.bands.map((b, bi) => (
        <Space key={bi} style={{ marginBottom: 6 }}>
          <Input
            aria-label="等次名称"
            size="small"
            style={{ width: 100 }}
            value={b.grade}
            onChange={(e) => edit((d) => void (d.bands[bi]!.grade = e.target.value))}
          />
          <Points
            label="等次下限"
            half={b.minHalfPoints}
            onChange={(h) => edit((d) => void (d.bands[bi]!.minHalfPoints = h))}
          />
          <span>至</span>
          <Points
            label="等次上限"
            half={b.maxHalfPoints}
            onChange={(h) => edit((d) => void (d.bands[bi]!.maxHalfPoints = h))}
          />
          <Button size="small" type="link" danger onClick={() => edit((d) => void d.bands.splice(bi, 1))}>
            删除
          </Button>
        </Space>
      ))}
      <div>
        <Button
          size="small"
          onClick={() =>
            edit((d) => {
              const last = d.bands.at(-1);
              d.bands.push({
                grade: '',
                minHalfPoints: last?.maxHalfPoints ?? 0,
                maxHalfPoints: d.totalHalfPoints,
              });
            })
          }
        >
          添加等次
        </Button>
      </div>
    </Card>
  );
}

export function StandardEditor({ initial, onClose }: { initial: ReviewStandard; onClose: () => void }) {
  const { message } = App.useApp();
  const [s, setS] = useState<ReviewStandard>(() => JSON.parse(JSON.stringify(initial)) as ReviewStandard);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const issues = useMemo(() => validateStandard(s), [s]);
  const frozen = initial.status === 'published';

  const edit = (f: (d: ReviewStandard) => void) =>
    setS((prev) => {
      const next = JSON.parse(JSON.stringify(prev)) as ReviewStandard;
      f(next);
      return next;
    });

  const save = async () => {
    try {
      const row = await standardStore.saveStandard(s);
      message.success(
        row.version !== initial.version
          ? `原第 ${initial.version} 版已冻结，修改已保存为第 ${row.version} 版`
          : `已保存“${row.name}”第 ${row.version} 版`,
      );
      onClose();
    } catch (e) {
      setSaveErrors((e instanceof Error ? e.message : String(e)).split('\n'));
    }
  };

  return (
    <Drawer
      open
      size={1080}
      title={`编辑评查标准：${initial.name} 第 ${initial.version} 版`}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => void save()} data-testid="standard-save">
            {frozen ? '保存为新版本' : '保存'}
          </Button>
        </Space>
      }
    >
      {frozen && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`第 ${initial.version} 版已被评查活动冻结使用，不会被改动；保存时生成新版本。`}
        />
      )}
      {(saveErrors.length > 0 || issues.length > 0) && (
        <Alert
          type={saveErrors.length ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="standard-issues"
          title={saveErrors.length ? '未能保存' : `还有 ${issues.length} 处需要修改`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflow: 'auto' }}>
              {(saveErrors.length ? saveErrors : issues).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      <BasicInfoCard s={s} edit={edit} />
      <CategoriesEditor s={s} edit={edit} />
      <VetoesCard s={s} edit={edit} />
      <BandsCard s={s} edit={edit} />
    </Drawer>
  );
}
