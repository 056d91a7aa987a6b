import type { Ref } from 'react';
import { Checkbox, Input, Tag, Typography } from 'antd';
import type { ReviewStandard } from '@shared/standards/standard-model';
import type { ScoreSheet } from '@shared/review/scoring-engine';

/** 否决项: each veto of the standard as a checkbox; a ticked one needs its reason. */
export function ScoreSheetVetoes({
  ref,
  standard,
  vetoOf,
  toggleVeto,
  setVetoReason,
  readOnly,
}: {
  ref: Ref<HTMLDivElement>;
  standard: ReviewStandard;
  vetoOf: (id: string) => ScoreSheet['vetoes'][number] | undefined;
  toggleVeto: (id: string, on: boolean) => void;
  setVetoReason: (id: string, reason: string) => void;
  readOnly?: boolean;
}) {
  return (
    <div
      ref={ref}
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
            <Checkbox checked={!!on} disabled={readOnly} onChange={(e) => toggleVeto(v.id, e.target.checked)}>
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
  );
}
