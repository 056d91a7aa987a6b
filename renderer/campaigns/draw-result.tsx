import { useState } from 'react';
import { Alert, App, Space, Spin } from 'antd';
import { operatorSettingsSchema } from '@shared/util/operator-settings';
import { useSettings } from '../db/hooks/settings';
import { OPERATOR_AREA } from '../db/settings-repository';
import type { CampaignRecord } from '../db/workflow-records';
import type { DrawItemView, DrawView, StratumView } from '../workers/draw-protocol';
import { useDrawRunner } from './draw-runner-context';
import { DrawReasonModal as ReasonModal } from './draw-reason-modal';
import { DrawRecordCard } from './draw-record-card';
import { DrawResultTabs, ReplacedFilesCard } from './draw-result-tables';
import { PurposivePicks } from './purposive-picks';
import { useDrawView } from './use-draw-view';

/** The locked draw: its record, its files and strata, and 替换 / 追加抽取 with a reason. */
export function DrawResult({
  campaign,
  drawId,
  initial,
}: {
  campaign: CampaignRecord;
  drawId: string;
  initial: DrawView | null;
}) {
  const runner = useDrawRunner();
  const { message } = App.useApp();
  const [operatorSettings] = useSettings(OPERATOR_AREA, operatorSettingsSchema);
  const { view, setView, loadError, check, tablesShown } = useDrawView(drawId, initial);
  const [replacing, setReplacing] = useState<DrawItemView | null>(null);
  const [adding, setAdding] = useState<StratumView | null>(null);

  if (loadError) return <Alert type="error" showIcon title="无法显示抽取结果" description={loadError} />;
  if (!view) return <Spin />;
  const r = view.record;
  const by = operatorSettings?.name || r.operator || '未署名操作人员';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16} data-testid="draw-result">
      {check && !check.matches && (
        <Alert
          type="warning"
          showIcon
          data-testid="population-warning"
          title="台账已变化：抽取时的总体与现有台账不再一致"
          description={`${check.detail}抽取结果不受影响（已保存，不可更改），但用现有台账核验时将不一致。`}
        />
      )}
      <DrawRecordCard
        view={view}
        drawId={drawId}
        baseName={`${campaign.name}-抽取记录`}
        operatorSettings={operatorSettings}
      />

      {r.purposive && <PurposivePicks part={r.purposive} />}

      <DrawResultTabs view={view} shown={tablesShown} onReplace={setReplacing} onAdd={setAdding} />

      <ReplacedFilesCard view={view} />

      {replacing && (
        <ReasonModal
          title={`替换抽中案卷“${replacing.caseNo}”`}
          description={`该案卷无法调取时，由“${replacing.stratum}”层按签号顺序的下一个备选替补。替换将记入抽取记录和操作留痕，不可撤销。`}
          placeholder="例如：案卷已移送司法机关，无法调取"
          okText="确认替换"
          onCancel={() => setReplacing(null)}
          onOk={async (reason) => {
            const next = await runner.replace(drawId, replacing.itemId, reason, by);
            setView(next);
            setReplacing(null);
            message.success('已替换，并记入抽取记录');
          }}
        />
      )}
      {adding && (
        <ReasonModal
          title={`“${adding.key}”追加抽取`}
          description={`按同一签号顺序继续抽取（先用该层现有备选）。该层还有 ${adding.remaining} 件可抽。`}
          placeholder="例如：该部门问题较多，追加抽查"
          okText="确认追加"
          maxCount={adding.remaining}
          onCancel={() => setAdding(null)}
          onOk={async (reason, count) => {
            const next = await runner.more(drawId, adding.key, count, reason, by);
            setView(next);
            setAdding(null);
            message.success(`已追加 ${count} 件，并记入抽取记录`);
          }}
        />
      )}
    </Space>
  );
}
