// In-app preview of an official document: the same page layout the PDF is drawn from (layoutDocument),
// drawn as SVG. No PDF plugin or frame (the CSP forbids frames). Glyph widths come from the grid
// metrics, so Latin text may sit slightly differently than in the PDF, which measures the embedded font.
import { useEffect, useMemo } from 'react';
import { Alert } from 'antd';
import { blocksInLayoutOrder, layoutDocument, FRAME } from '@shared/documents/layout';
import type { OfficialDocument } from '@shared/documents/layout-model';
import { GEOMETRY } from '@shared/documents/layout-model';

const RED = `#${GEOMETRY.redHex}`;
const FAMILY: Record<string, string> = {
  body: '"FangSong", "仿宋", "Noto Serif CJK SC", "Noto Serif SC", serif',
  bold: '"SimHei", "黑体", "Noto Sans CJK SC", sans-serif',
  title: '"方正小标宋简体", "Noto Serif CJK SC", "Noto Serif SC", serif',
};

function useImageUrls(doc: OfficialDocument): Map<number, string> {
  const urls = useMemo(() => {
    const m = new Map<number, string>();
    // Annex pictures too (evidence crops): layout indexes run on through the annexes.
    blocksInLayoutOrder(doc).forEach((b, i) => {
      if (b.type === 'image')
        m.set(i, URL.createObjectURL(new Blob([b.png as BlobPart], { type: 'image/png' })));
    });
    return m;
  }, [doc]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return urls;
}

export function DocumentPreview({ doc, width = 620 }: { doc: OfficialDocument; width?: number }) {
  const layout = useMemo(() => {
    try {
      return { ok: true as const, layout: layoutDocument(doc) };
    } catch (e) {
      return { ok: false as const, error: e instanceof Error ? e.message : String(e) };
    }
  }, [doc]);
  const images = useImageUrls(doc);
  if (!layout.ok) return <Alert type="error" showIcon title={layout.error} />;
  return (
    <div
      data-testid="document-preview"
      style={{ display: 'flex', flexDirection: 'column', gap: 16, alignItems: 'center' }}
    >
      {layout.layout.pages.map((p) => (
        <svg
          key={p.number}
          data-testid="preview-page"
          viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
          width={width}
          height={(width * FRAME.height) / FRAME.width}
          style={{ background: '#fff', boxShadow: '0 1px 6px rgba(0,0,0,.18)' }}
          role="img"
          aria-label={`第 ${p.number} 页`}
        >
          {p.items.map((it, i) => {
            if (it.kind === 'text') {
              return (
                <text
                  key={i}
                  x={it.x}
                  y={it.baseline}
                  fontSize={it.size}
                  fontFamily={FAMILY[it.font]}
                  fontWeight={it.font === 'body' ? 400 : 700}
                  letterSpacing={it.charSpacing}
                  fill={it.color === 'red' ? RED : it.color === 'gray' ? '#d9d9d9' : '#000'}
                  style={{ whiteSpace: 'pre' }}
                >
                  {it.text}
                </text>
              );
            }
            if (it.kind === 'rule') {
              return (
                <line
                  key={i}
                  x1={it.x1}
                  y1={it.y1}
                  x2={it.x2}
                  y2={it.y2}
                  strokeWidth={it.thickness}
                  stroke={it.color === 'red' ? RED : '#000'}
                />
              );
            }
            const url = images.get(it.block);
            return url ? (
              <image key={i} href={url} x={it.x} y={it.top} width={it.width} height={it.height} />
            ) : null;
          })}
        </svg>
      ))}
    </div>
  );
}
