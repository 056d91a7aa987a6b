import { formatCount } from '@shared/util/number-format';
import { useState } from 'react';
import { App, Button, Popconfirm } from 'antd';
import { demoStore } from '../db/hooks/demo';
import { settingsStore } from '../db/hooks/settings';

export const REMOVE_DEMO_DESCRIPTION =
  '将一次性删除全部示例数据：示例台账、示例评查活动（含抽取、评查组、评分、复核结果、整改函及其文号）、示例执法人员及其考试和培训记录。您自己的数据不受影响。操作留痕中的示例记录会保留（日志只增不删）。';

/** The one-step removal with its confirmation (banner and settings card). */
export function DemoRemoveButton({ size }: { size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title="移除全部示例数据？"
      description={<div style={{ maxWidth: 360 }}>{REMOVE_DEMO_DESCRIPTION}</div>}
      okText="移除"
      cancelText="取消"
      onConfirm={async () => {
        setBusy(true);
        try {
          const r = await demoStore.removeDemoData(await settingsStore.currentOperator());
          message.success(`示例数据已移除（共删除 ${formatCount(r.records)} 条记录）`);
        } catch (e) {
          message.error(
            `移除示例数据失败，数据库未作任何更改：${e instanceof Error ? e.message : String(e)}`,
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button size={size} danger loading={busy} data-testid="demo-remove">
        移除示例数据
      </Button>
    </Popconfirm>
  );
}
