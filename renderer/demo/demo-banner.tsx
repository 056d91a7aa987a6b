import { Alert } from 'antd';
import { demoCountText } from './demo-data';
import { useDemoLoadState } from '../workers/demo-loader';
import { DemoRemoveButton } from './demo-remove-button';
import { useWorkspace } from '../db/hooks/packages';
import { hasDemo } from './use-demo-counts';
import { useDemoCounts } from '../db/hooks/demo';

/** Always visible while demo data is in the store (once loading has finished), with the one-step removal. */
export function DemoBanner() {
  const counts = useDemoCounts();
  const loading = useDemoLoadState();
  // A reviewer's laptop shows its package's files only; whatever else the store holds is not theirs.
  const workspace = useWorkspace();
  if (workspace !== null || loading.running || !counts || !hasDemo(counts)) return null;
  return (
    <Alert
      banner
      type="warning"
      data-testid="demo-banner"
      title={`当前含有示例数据：${demoCountText(counts)}。仅供熟悉功能，请勿用于正式评查。`}
      action={<DemoRemoveButton size="small" />}
    />
  );
}
