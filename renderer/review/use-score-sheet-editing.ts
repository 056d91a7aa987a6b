// The score sheet's editing and its keys: the cursor over the items, the deduction in hand, and every change
// made through onChange (readOnly refuses them); the keyboard map is SHORTCUTS in score-sheet.tsx.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ReviewStandard, StandardItem } from '@shared/standards/standard-model';
import { scoreCaseFile, type ScoreSheet, type SheetDeduction } from '@shared/review/scoring-engine';

export interface ActiveDeduction {
  itemId: string;
  optionId: string;
}

/** A key typed into a text field belongs to the text, not to the sheet's shortcuts. */
export function isTextTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || el.isContentEditable);
}

export function useScoreSheetEditing({
  standard,
  value,
  onChange,
  readOnly,
  onSubmit,
  onActiveChange,
}: {
  standard: ReviewStandard;
  value: ScoreSheet;
  onChange: (next: ScoreSheet) => void;
  readOnly?: boolean;
  onSubmit?: () => void;
  onActiveChange?: (active: ActiveDeduction | null) => void;
}) {
  const items = useMemo(
    () => standard.categories.flatMap((c) => c.items.map((item) => ({ item, category: c }))),
    [standard],
  );
  const [cursor, setCursor] = useState(0);
  const [active, setActive] = useState<ActiveDeduction | null>(null);
  const [help, setHelp] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef(new Map<string, HTMLDivElement>());
  const problemRefs = useRef(new Map<string, HTMLTextAreaElement>());
  const vetoRef = useRef<HTMLDivElement>(null);
  const score = useMemo(() => scoreCaseFile(standard, value), [standard, value]);

  useEffect(() => {
    rootRef.current?.focus();
  }, []);
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

  const indexOf = (a: ActiveDeduction | null) =>
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

  const setCount = (a: ActiveDeduction, delta: number) => {
    const i = indexOf(a);
    if (i < 0) return;
    const d = value.deductions[i]!;
    const opt = items.find((x) => x.item.id === a.itemId)?.item.deductions.find((o) => o.id === a.optionId);
    if (!opt || opt.mode === 'once') return;
    const count = Math.max(1, d.count + delta);
    if (count === d.count) return;
    update(value.deductions.map((x, k) => (k === i ? { ...x, count } : x)));
  };

  const remove = (a: ActiveDeduction) => {
    const i = indexOf(a);
    if (i < 0) return;
    update(value.deductions.filter((_, k) => k !== i));
    setActive(null);
    rootRef.current?.focus();
  };

  const setProblem = (a: ActiveDeduction, problem: string) => {
    const i = indexOf(a);
    if (i < 0) return;
    update(value.deductions.map((x, k) => (k === i ? { ...x, problem } : x)));
  };

  const focusProblem = (a: ActiveDeduction) => problemRefs.current.get(`${a.itemId}|${a.optionId}`)?.focus();

  const closeHelp = () => {
    setHelp(false);
    rootRef.current?.focus();
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

  return {
    items,
    score,
    cursor,
    setCursor,
    active,
    setActive,
    help,
    setHelp,
    closeHelp,
    rootRef,
    itemRefs,
    problemRefs,
    vetoRef,
    pick,
    setCount,
    remove,
    setProblem,
    onKeyDown,
    vetoOf,
    toggleVeto,
    setVetoReason,
  };
}
