// The score sheet (评分表), keyboard first: a panel scores ~120 files in a few days, mostly by
// keyboard. The sheet is controlled: every change goes to onChange (the parent autosaves it).
import {
  Fragment,
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { Alert, Button, Checkbox, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { LegalBasisArticles } from '../standards/legal-basis-articles';
import {
  formatHalfPoints,
  type ReviewStandard,
  type StandardCategory,
  type StandardItem,
} from '@shared/standards/standard-model';
import {
  scoreCaseFile,
  type ItemBreakdown,
  type ScoreSheet,
  type SheetDeduction,
} from '@shared/review/scoring-engine';

export interface ScoreSheetEditorProps {
  standard: ReviewStandard;
  value: ScoreSheet;
  onChange: (next: ScoreSheet) => void;
  readOnly?: boolean;
  onSubmit?: () => void;
  /** The 未发现问题 finding (offered while the sheet has no deduction and no veto). */
  onNoProblemsFound?: () => void;
  /** Shown above the items (case header). */
  header?: ReactNode;
  /** Save status text (已保存 …). */
  saveState?: ReactNode;
  /** The deduction the cursor is on (a case-file pin goes to it), or null. */
  onActiveChange?: (active: { itemId: string; optionId: string } | null) => void;
}

export const SHORTCUTS: [string, string][] = [
  ['↑ / ↓ 或 k / j', '上一项 / 下一项评查项'],
  ['1 – 9', '选择当前评查项的第 n 个扣分情形（已选则定位到该条）'],
  ['+ / -', '增加 / 减少当前扣分的次数（按次扣分）'],
  ['Enter 或 Tab', '进入当前扣分的问题描述'],
  ['Esc', '从问题描述回到评查项列表'],
  ['Delete / Backspace', '删除当前扣分'],
  ['v', '转到否决项'],
  ['Ctrl + Enter', '提交评分表（没有扣分时：确认“未发现问题”后提交）'],
  ['Alt + ↓ / Alt + ↑', '下一件 / 上一件案卷'],
  ['y（台账体检线索上）', '确认该线索，在对应评查项上扣分'],
  ['n（台账体检线索上）', '不予采纳该线索：转到理由框，写明理由后按 Enter'],
  ['?', '显示 / 隐藏快捷键说明'],
];

interface Active {
  itemId: string;
  optionId: string;
}

/** The element holding an item's 依据 (read with the sheet while the item is the current one). */
const legalBasisId = (itemId: string): string => `score-sheet-basis-${itemId}`;

function isTextTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.isContentEditable);
}

export function ScoreSheetEditor({
  standard,
  value,
  onChange,
  readOnly,
  onSubmit,
  onNoProblemsFound,
  header,
  saveState,
  onActiveChange,
}: ScoreSheetEditorProps) {
  const items = useMemo(
    () => standard.categories.flatMap((c) => c.items.map((item) => ({ item, category: c }))),
    [standard],
  );
  const [cursor, setCursor] = useState(0);
  const [active, setActive] = useState<Active | null>(null);
  const [help, setHelp] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef(new Map<string, HTMLDivElement>());
  const problemRefs = useRef(new Map<string, HTMLTextAreaElement>());
  const vetoRef = useRef<HTMLDivElement>(null);
  const score = useMemo(() => scoreCaseFile(standard, value), [standard, value]);

  useEffect(() => rootRef.current?.focus(), []);
  useEffect(() => onActiveChange?.(active), [active, onActiveChange]);

  const current = items[cursor];
  useEffect(() => {
    if (current) itemRefs.current.get(current.item.id)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const update = useCallback(
    (deductions: SheetDeduction[], vetoes = value.vetoes) => {
      if (readOnly) return;
      // A deduction or a veto withdraws an earlier 未发现问题 finding (an unlocked clean sheet).
      const { noProblemsFound, ...rest } = value;
      const stillClean = noProblemsFound && deductions.length === 0 && vetoes.length === 0;
      onChange({ ...rest, deductions, vetoes, ...(stillClean ? { noProblemsFound } : {}) });
    },
    [onChange, readOnly, value],
  );

  const indexOf = (a: Active | null) =>
    a ? value.deductions.findIndex((d) => d.itemId === a.itemId && d.optionId === a.optionId) : -1;

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(items.length - 1, i));
    setCursor(next);
    const it = items[next]!.item;
    const last = [...value.deductions].reverse().find((d) => d.itemId === it.id);
    setActive(last ? { itemId: it.id, optionId: last.optionId } : null);
  };

  const pick = (item: StandardItem, n: number) => {
    const opt = item.deductions[n];
    if (!opt) return;
    const a = { itemId: item.id, optionId: opt.id };
    setActive(a);
    if (indexOf(a) < 0)
      update([...value.deductions, { itemId: item.id, optionId: opt.id, count: 1, problem: '' }]);
  };

  const setCount = (a: Active, delta: number) => {
    const i = indexOf(a);
    if (i < 0) return;
    const d = value.deductions[i]!;
    const opt = items.find((x) => x.item.id === a.itemId)?.item.deductions.find((o) => o.id === a.optionId);
    if (!opt || opt.mode === 'once') return;
    const count = Math.max(1, d.count + delta);
    if (count === d.count) return;
    update(value.deductions.map((x, k) => (k === i ? { ...x, count } : x)));
  };

  const remove = (a: Active) => {
    const i = indexOf(a);
    if (i < 0) return;
    update(value.deductions.filter((_, k) => k !== i));
    setActive(null);
    rootRef.current?.focus();
  };

  const setProblem = (a: Active, problem: string) => {
    const i = indexOf(a);
    if (i < 0) return;
    update(value.deductions.map((x, k) => (k === i ? { ...x, problem } : x)));
  };

  const focusProblem = (a: Active) => problemRefs.current.get(`${a.itemId}|${a.optionId}`)?.focus();

  const closeHelp = () => {
    setHelp(false);
    rootRef.current?.focus();
  };

  const api = useRef<RowApi>(null as unknown as RowApi);
  api.current = {
    itemRefs: itemRefs.current,
    problemRefs: problemRefs.current,
    focusRoot: () => rootRef.current?.focus(),
    setCursor,
    setActive,
    pick,
    setCount,
    remove,
    setProblem,
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // While the help is open, and for keys React bubbles from a portal (a dialog) to this handler,
    // keys are the dialog's own and never shortcuts (a digit must not become a deduction).
    if (help) {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        closeHelp();
      }
      return;
    }
    if (!rootRef.current?.contains(e.target as Node)) return;
    // IME composition (拼音 input) belongs to the text being typed.
    if (e.nativeEvent.isComposing || e.key === 'Process') return;
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      if (!readOnly) onSubmit?.();
      return;
    }
    if (isTextTarget(e.target)) {
      if (e.key === 'Escape') {
        e.preventDefault();
        rootRef.current?.focus();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    // A focused button keeps its own Enter / Space.
    if ((e.target as HTMLElement).tagName === 'BUTTON' && (e.key === 'Enter' || e.key === ' ')) return;
    const it = current?.item;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        e.preventDefault();
        moveTo(cursor + 1);
        return;
      case 'ArrowUp':
      case 'k':
        e.preventDefault();
        moveTo(cursor - 1);
        return;
      case '?':
        e.preventDefault();
        setHelp((h) => !h);
        return;
      case 'v':
        e.preventDefault();
        vetoRef.current?.querySelector('input')?.focus();
        return;
    }
    if (readOnly || !it) return;
    if (/^[1-9]$/.test(e.key)) {
      e.preventDefault();
      pick(it, Number(e.key) - 1);
    } else if ((e.key === '+' || e.key === '=') && active) {
      e.preventDefault();
      setCount(active, 1);
    } else if ((e.key === '-' || e.key === '_') && active) {
      e.preventDefault();
      setCount(active, -1);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && active && indexOf(active) >= 0) {
      e.preventDefault();
      focusProblem(active);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && active) {
      e.preventDefault();
      remove(active);
    }
  };

  const vetoOf = (id: string) => value.vetoes.find((v) => v.vetoId === id);
  const toggleVeto = (id: string, on: boolean) =>
    update(
      value.deductions,
      on ? [...value.vetoes, { vetoId: id, reason: '' }] : value.vetoes.filter((v) => v.vetoId !== id),
    );
  const setVetoReason = (id: string, reason: string) =>
    update(
      value.deductions,
      value.vetoes.map((v) => (v.vetoId === id ? { ...v, reason } : v)),
    );

  const gradeColor = score.failed
    ? 'red'
    : score.grade === standard.bands.at(-1)?.grade
      ? 'green'
      : score.grade === standard.bands[0]?.grade
        ? 'red'
        : 'blue';
  let lastCategory = '';

  return (
    <div
      ref={rootRef}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="score-sheet"
      aria-label="评分表（键盘操作：↑↓ 选项目，数字键选扣分情形，Enter 写问题，Ctrl+Enter 提交，? 查看快捷键）"
      aria-describedby={current?.item.legalBasis ? legalBasisId(current.item.id) : undefined}
      style={{ outline: 'none' }}
    >
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 2,
          background: '#fff',
          padding: '10px 12px',
          borderBottom: '1px solid #f0f0f0',
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          flexWrap: 'wrap',
        }}
      >
        <Typography.Text strong style={{ fontSize: 18 }}>
          总分 <span data-testid="sheet-total">{formatHalfPoints(score.totalHalfPoints)}</span>
          <Typography.Text type="secondary"> / {formatHalfPoints(standard.totalHalfPoints)}</Typography.Text>
        </Typography.Text>
        <Tag color={gradeColor} data-testid="sheet-grade" style={{ fontSize: 14, padding: '2px 10px' }}>
          {score.grade}
        </Tag>
        {score.failed && <Tag color="red">一票否决</Tag>}
        {score.capped && <Tag color="orange">有基本要素缺陷，不得评为{standard.bands.at(-1)?.grade}</Tag>}
        <Typography.Text type="secondary" data-testid="sheet-problems">
          扣分 {value.deductions.length} 处
          {score.errors.length > 0 && (
            <Typography.Text type="danger">，{score.errors.length} 处待补充</Typography.Text>
          )}
        </Typography.Text>
        <span style={{ flex: 1 }} />
        {saveState}
        <Tooltip title="快捷键（?）">
          <Button size="small" onClick={() => setHelp(true)}>
            快捷键
          </Button>
        </Tooltip>
        {value.noProblemsFound && (
          <Tag color="green" data-testid="sheet-no-problems">
            未发现问题
          </Tag>
        )}
        {onNoProblemsFound && !readOnly && value.deductions.length === 0 && value.vetoes.length === 0 && (
          <Button onClick={onNoProblemsFound} data-testid="sheet-no-problems-found">
            未发现问题…
          </Button>
        )}
        {onSubmit && !readOnly && (
          <Button type="primary" onClick={onSubmit} data-testid="sheet-submit">
            提交评分表（Ctrl+Enter）
          </Button>
        )}
      </div>
      {header}
      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '8px 0' }}
          title="该评分表已锁定（已提交或已定稿），只能查看。"
        />
      )}
      <div style={{ padding: '4px 0' }}>
        {items.map(({ item, category }, i) => {
          const showCategory = category.id !== lastCategory;
          lastCategory = category.id;
          return (
            <ItemRow
              key={item.id}
              item={item}
              category={category}
              index={i}
              showCategory={showCategory}
              breakdown={score.items[i]!}
              mine={value.deductions.filter((d) => d.itemId === item.id)}
              selected={i === cursor}
              activeOptionId={active?.itemId === item.id ? active.optionId : null}
              readOnly={!!readOnly}
              api={api}
            />
          );
        })}
      </div>
      <div
        ref={vetoRef}
        style={{ marginTop: 16, padding: 12, background: '#fff', borderRadius: 4 }}
        data-testid="sheet-vetoes"
      >
        <Typography.Text strong>否决项</Typography.Text>
        <Typography.Text type="secondary">
          （一票否决：0 分、{standard.bands[0]?.grade}；基本要素缺陷：不得评为{standard.bands.at(-1)?.grade}）
        </Typography.Text>
        {standard.vetoes.map((v) => {
          const on = vetoOf(v.id);
          return (
            <div key={v.id} style={{ marginTop: 6 }}>
              <Checkbox
                checked={!!on}
                disabled={readOnly}
                onChange={(e) => toggleVeto(v.id, e.target.checked)}
              >
                <Tag color={v.kind === 'fail' ? 'red' : 'orange'}>{v.kind === 'fail' ? '否决' : '限优'}</Tag>
                {v.text}
              </Checkbox>
              {on && (
                <Input
                  aria-label={`否决理由：${v.text}`}
                  placeholder="写明认定依据和具体情形（必填）"
                  value={on.reason}
                  readOnly={readOnly}
                  status={on.reason.trim() ? undefined : 'error'}
                  onChange={(e) => setVetoReason(v.id, e.target.value)}
                  style={{ marginTop: 4 }}
                />
              )}
            </div>
          );
        })}
      </div>
      <Modal
        open={help}
        title="评分表快捷键"
        footer={null}
        onCancel={closeHelp}
        // Back to the sheet, not to the 快捷键 button that opened it (Enter there would reopen the
        // help instead of entering the current deduction's description).
        focusable={{ focusTriggerAfterClose: false }}
        afterClose={() => rootRef.current?.focus()}
      >
        <table data-testid="shortcut-help" style={{ width: '100%' }}>
          <tbody>
            {SHORTCUTS.map(([k, d]) => (
              <tr key={k}>
                <td style={{ padding: 4, whiteSpace: 'nowrap' }}>
                  <Typography.Text keyboard>{k}</Typography.Text>
                </td>
                <td style={{ padding: 4 }}>{d}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Modal>
    </div>
  );
}

interface RowApi {
  itemRefs: Map<string, HTMLDivElement>;
  problemRefs: Map<string, HTMLTextAreaElement>;
  focusRoot: () => void;
  setCursor: (i: number) => void;
  setActive: (a: Active | null) => void;
  pick: (item: StandardItem, n: number) => void;
  setCount: (a: Active, delta: number) => void;
  remove: (a: Active) => void;
  setProblem: (a: Active, problem: string) => void;
}

interface ItemRowProps {
  item: StandardItem;
  category: StandardCategory;
  index: number;
  showCategory: boolean;
  breakdown: ItemBreakdown;
  mine: SheetDeduction[];
  selected: boolean;
  activeOptionId: string | null;
  readOnly: boolean;
  /** Stable object whose fields always point at the sheet's latest handlers. */
  api: RefObject<RowApi>;
}

// Only the rows whose content changed re-render on a keystroke: the save must not wait for a
// whole-sheet render (bench: keypress -> committed write <= 50 ms).
const ItemRow = memo(
  function ItemRow({
    item,
    category,
    index,
    showCategory,
    breakdown: b,
    mine,
    selected,
    activeOptionId,
    readOnly,
    api,
  }: ItemRowProps) {
    return (
      <Fragment key={item.id}>
        {showCategory && (
          <div style={{ margin: '14px 0 6px', fontWeight: 600, color: '#1f4e99' }}>
            {category.part ? `${category.part} · ` : ''}
            {category.name}
          </div>
        )}
        <div
          ref={(el) => {
            if (el) api.current.itemRefs.set(item.id, el);
            else api.current.itemRefs.delete(item.id);
          }}
          data-testid={`sheet-item-${item.id}`}
          aria-current={selected ? 'true' : undefined}
          onClick={() => {
            api.current.setCursor(index);
            if (!isTextTarget(document.activeElement)) api.current.focusRoot();
          }}
          style={{
            padding: '8px 12px',
            marginBottom: 4,
            background: selected ? '#eef4ff' : '#fff',
            borderLeft: `4px solid ${selected ? '#1f4e99' : 'transparent'}`,
            borderRadius: 4,
          }}
        >
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography.Text strong>{item.title}</Typography.Text>
            <Tag>{item.group}</Tag>
            {item.tag && <Tag color="purple">{item.tag}</Tag>}
            <span style={{ flex: 1 }} />
            <Typography.Text
              data-testid={`item-score-${item.id}`}
              type={b.deductedHalfPoints ? 'danger' : 'secondary'}
            >
              {formatHalfPoints(b.scoreHalfPoints)} / {formatHalfPoints(item.maxHalfPoints)} 分
              {b.clamped && '（扣完为止）'}
            </Typography.Text>
          </div>
          {selected && (
            <div style={{ marginTop: 4 }}>
              {item.deductions.map((o, n) => (
                <Button
                  key={o.id}
                  size="small"
                  disabled={readOnly}
                  style={{ margin: '2px 6px 2px 0' }}
                  onClick={() => {
                    api.current.pick(item, n);
                    api.current.focusRoot();
                  }}
                >
                  {n < 9 ? `${n + 1} ` : ''}
                  {o.label} −{formatHalfPoints(o.amountHalfPoints)}
                  {o.mode === 'once' ? '（一次）' : '/次'}
                </Button>
              ))}
              {item.legalBasis && (
                // The 依据 and its articles' subjects as text under the options (not on hover only): the sheet
                // points at it with aria-describedby while the item is the current one.
                <div id={legalBasisId(item.id)} data-testid="item-legal-basis">
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    依据：{item.legalBasis}
                  </Typography.Text>
                  <LegalBasisArticles basis={item.legalBasis} />
                </div>
              )}
            </div>
          )}
          {mine.map((d) => {
            const o = item.deductions.find((x) => x.id === d.optionId);
            const a = { itemId: item.id, optionId: d.optionId };
            const isActive = activeOptionId === d.optionId;
            const missing = !d.problem.trim();
            return (
              <div
                key={d.optionId}
                data-testid={`deduction-${item.id}-${d.optionId}`}
                style={{
                  marginTop: 6,
                  padding: 6,
                  border: `1px solid ${isActive ? '#1f4e99' : '#f0f0f0'}`,
                  borderRadius: 4,
                  background: '#fff',
                }}
              >
                <Space wrap>
                  <Typography.Text>{o?.label ?? d.optionId}</Typography.Text>
                  <Button
                    size="small"
                    disabled={readOnly || o?.mode === 'once'}
                    onClick={() => api.current.setCount(a, -1)}
                    aria-label="减少次数"
                  >
                    −
                  </Button>
                  <Typography.Text data-testid="deduction-count">{d.count} 次</Typography.Text>
                  <Button
                    size="small"
                    disabled={readOnly || o?.mode === 'once'}
                    onClick={() => api.current.setCount(a, 1)}
                    aria-label="增加次数"
                  >
                    +
                  </Button>
                  <Typography.Text type="danger">
                    −{formatHalfPoints((o?.amountHalfPoints ?? 0) * d.count)} 分
                  </Typography.Text>
                  {!readOnly && (
                    <Button size="small" type="link" danger onClick={() => api.current.remove(a)}>
                      删除
                    </Button>
                  )}
                </Space>
                <Input.TextArea
                  ref={(el) => {
                    const t = el?.resizableTextArea?.textArea;
                    if (t) api.current.problemRefs.set(`${a.itemId}|${a.optionId}`, t);
                  }}
                  aria-label={`问题描述：${item.title} - ${o?.label ?? ''}`}
                  placeholder="写明本案卷的具体问题（必填），如：第 12 页询问笔录缺执法证号。Esc 返回"
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  value={d.problem}
                  readOnly={readOnly}
                  status={missing ? 'error' : undefined}
                  onFocus={() => {
                    api.current.setCursor(index);
                    api.current.setActive(a);
                  }}
                  onChange={(ev) => api.current.setProblem(a, ev.target.value)}
                  style={{ marginTop: 4 }}
                />
                {missing && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    每一处扣分都须写明问题描述
                  </Typography.Text>
                )}
              </div>
            );
          })}
        </div>
      </Fragment>
    );
  },
  (p, n) =>
    p.item === n.item &&
    p.showCategory === n.showCategory &&
    p.selected === n.selected &&
    p.activeOptionId === n.activeOptionId &&
    p.readOnly === n.readOnly &&
    p.breakdown.scoreHalfPoints === n.breakdown.scoreHalfPoints &&
    p.breakdown.clamped === n.breakdown.clamped &&
    p.breakdown.deductedHalfPoints === n.breakdown.deductedHalfPoints &&
    p.mine.length === n.mine.length &&
    p.mine.every((d, k) => d === n.mine[k]),
);
