// The score sheet (评分表), keyboard first: a panel scores ~120 files in a few days, mostly by
// keyboard. The sheet is controlled: every change goes to onChange (the parent autosaves it).
import { Fragment, memo, useRef, type ReactNode, type RefObject } from 'react';
import { Alert, Button, Input, Space, Tag, Typography } from 'antd';
import { LegalBasisArticles } from '../standards/legal-basis-articles';
import {
  formatHalfPoints,
  type ReviewStandard,
  type StandardCategory,
  type StandardItem,
} from '@shared/standards/standard-model';
import { type ItemBreakdown, type ScoreSheet, type SheetDeduction } from '@shared/review/scoring-engine';
import { ShortcutHelp } from './score-sheet-shortcut-help';
import { ScoreSheetTotalBar } from './score-sheet-total-bar';
import { ScoreSheetVetoes } from './score-sheet-vetoes';
import {
  isTextTarget,
  useScoreSheetEditing,
  type ActiveDeduction as Active,
} from './use-score-sheet-editing';

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

export { SHORTCUTS } from './score-sheet-shortcut-help';

/** The element holding an item's 依据 (read with the sheet while the item is the current one). */
const legalBasisId = (itemId: string): string => `score-sheet-basis-${itemId}`;

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
  const sheet = useScoreSheetEditing({ standard, value, onChange, readOnly, onSubmit, onActiveChange });
  const { items, score, cursor, active, rootRef, itemRefs, problemRefs } = sheet;
  const current = items[cursor];
  const api = useRef<RowApi>(null as unknown as RowApi);
  api.current = {
    itemRefs: itemRefs.current,
    problemRefs: problemRefs.current,
    focusRoot: () => rootRef.current?.focus(),
    setCursor: sheet.setCursor,
    setActive: sheet.setActive,
    pick: sheet.pick,
    setCount: sheet.setCount,
    remove: sheet.remove,
    setProblem: sheet.setProblem,
  };
  let lastCategory = '';

  return (
    <div
      ref={rootRef}
      tabIndex={0}
      onKeyDown={sheet.onKeyDown}
      data-testid="score-sheet"
      aria-label="评分表（键盘操作：↑↓ 选项目，数字键选扣分情形，Enter 写问题，Ctrl+Enter 提交，? 查看快捷键）"
      aria-describedby={current?.item.legalBasis ? legalBasisId(current.item.id) : undefined}
      style={{ outline: 'none' }}
    >
      <ScoreSheetTotalBar
        standard={standard}
        value={value}
        score={score}
        saveState={saveState}
        readOnly={readOnly}
        onHelp={() => sheet.setHelp(true)}
        onNoProblemsFound={onNoProblemsFound}
        onSubmit={onSubmit}
      />
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
      <ScoreSheetVetoes
        ref={sheet.vetoRef}
        standard={standard}
        vetoOf={sheet.vetoOf}
        toggleVeto={sheet.toggleVeto}
        setVetoReason={sheet.setVetoReason}
        readOnly={readOnly}
      />
      <ShortcutHelp open={sheet.help} onClose={sheet.closeHelp} afterClose={() => rootRef.current?.focus()} />
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
