import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface VirtualColumn {
  key: string;
  title: string;
  /** Preferred width; columns share any extra room in proportion to it. */
  width: number;
  /** The narrowest this column may get in a small window (default: `width`, never narrower). */
  minWidth?: number;
  align?: 'left' | 'right' | 'center';
  render: (row: number) => ReactNode;
}

interface Props {
  columns: VirtualColumn[];
  rowCount: number;
  height: number;
  rowHeight?: number;
  onOpenRow?: (row: number) => void;
  emptyText?: string;
  ariaLabel: string;
}

const OVERSCAN = 8;

/**
 * A table that renders only the rows in view, so 500,000 rows scroll as smoothly as 50.
 * Keyboard: ↑/↓/PageUp/PageDown/Home/End move the selection, Enter opens the row.
 */
export function VirtualTable({
  columns,
  rowCount,
  height,
  rowHeight = 34,
  onOpenRow,
  emptyText = '暂无数据',
  ariaLabel,
}: Props) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [viewWidth, setViewWidth] = useState(0);
  // Columns fill the window: they grow into room to spare and shrink to their minimum in a small
  // window (1280×720) before the table scrolls sideways.
  const minTotal = columns.reduce((a, c) => a + (c.minWidth ?? c.width), 0);
  const totalWidth = Math.max(minTotal, viewWidth);
  const bodyHeight = height - rowHeight;

  useEffect(() => {
    const el = bodyRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewWidth(el.clientWidth));
    observer.observe(el);
    setViewWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    // A new result set starts at the top.
    bodyRef.current?.scrollTo({ top: 0 });
    setScrollTop(0);
    setSelected(null);
  }, [rowCount]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + bodyHeight) / rowHeight) + OVERSCAN);

  const moveTo = useCallback(
    (row: number) => {
      const r = Math.max(0, Math.min(rowCount - 1, row));
      setSelected(r);
      const el = bodyRef.current;
      if (!el) return;
      const top = r * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
    },
    [rowCount, rowHeight, bodyHeight],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (!rowCount) return;
    const page = Math.max(1, Math.floor(bodyHeight / rowHeight) - 1);
    const cur = selected ?? -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(cur + 1),
      ArrowUp: () => moveTo(cur - 1),
      PageDown: () => moveTo(cur + page),
      PageUp: () => moveTo(cur - page),
      Home: () => moveTo(0),
      End: () => moveTo(rowCount - 1),
      Enter: () => selected !== null && onOpenRow?.(selected),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const cell = (c: VirtualColumn): CSSProperties => ({
    flex: `${c.width} ${c.width} ${c.width}px`,
    minWidth: c.minWidth ?? c.width,
    padding: '0 8px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    textAlign: c.align ?? 'left',
    lineHeight: `${rowHeight}px`,
  });

  const rows: ReactNode[] = [];
  for (let r = first; r < last; r++) {
    rows.push(
      <div
        key={r}
        role="row"
        aria-rowindex={r + 2}
        aria-selected={selected === r}
        className="vt-row"
        onClick={() => setSelected(r)}
        onDoubleClick={() => onOpenRow?.(r)}
        style={{
          position: 'absolute',
          top: r * rowHeight,
          height: rowHeight,
          display: 'flex',
          width: totalWidth,
          borderBottom: '1px solid #f0f0f0',
          background: selected === r ? '#e6f0ff' : r % 2 ? '#fafafa' : '#fff',
          cursor: onOpenRow ? 'pointer' : 'default',
        }}
      >
        {columns.map((c) => (
          <VirtualCell key={c.key} style={cell(c)}>
            {c.render(r)}
          </VirtualCell>
        ))}
      </div>,
    );
  }

  return (
    <div
      role="table"
      aria-label={ariaLabel}
      aria-rowcount={rowCount + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ border: '1px solid #e8e8e8', borderRadius: 4, background: '#fff', outline: 'none' }}
    >
      <div
        ref={bodyRef}
        style={{ height, overflow: 'auto', position: 'relative' }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div
          role="row"
          style={{
            display: 'flex',
            width: totalWidth,
            position: 'sticky',
            top: 0,
            zIndex: 1,
            background: '#f3f5f8',
            fontWeight: 600,
            borderBottom: '1px solid #e8e8e8',
            height: rowHeight,
          }}
        >
          {columns.map((c) => (
            <div role="columnheader" key={c.key} style={cell(c)}>
              {c.title}
            </div>
          ))}
        </div>
        <div style={{ position: 'relative', height: Math.max(rowCount * rowHeight, 1), width: totalWidth }}>
          {rows}
        </div>
        {rowCount === 0 && (
          <div
            style={{
              position: 'absolute',
              top: rowHeight + 24,
              width: '100%',
              textAlign: 'center',
              color: '#999',
            }}
          >
            {emptyText}
          </div>
        )}
      </div>
    </div>
  );
}

/** A cell; text cut by the column width is readable in full on hover. */
function VirtualCell({ style, children }: { style: CSSProperties; children: ReactNode }) {
  const title = typeof children === 'string' || typeof children === 'number' ? String(children) : undefined;
  return (
    <div role="cell" style={style} title={title}>
      {children}
    </div>
  );
}
