import { Alert, App, Button, Popconfirm } from 'antd';
import { useCaseIndex } from '../ledgers/case-index-context';
import { getDatabase } from '../db/database';
import { removeDemoData } from './demo-data';

/** Always visible while demo data is in the store, with the one-step removal. */
export function DemoBanner() {
  const { imports } = useCaseIndex();
  const { message } = App.useApp();
  const demo = imports.filter((r) => r.isDemo);
  if (!demo.length) return null;
  const cases = demo.reduce((a, r) => a + r.counts.imported, 0);
  return (
    <Alert
      banner
      type="warning"
      data-testid="demo-banner"
      message={`当前含有示例数据（${demo.length} 个示例台账，${cases.toLocaleString('zh-CN')} 件虚构案卷），仅供熟悉功能，请勿用于正式评查。`}
      action={
        <Popconfirm
          title="移除全部示例数据？"
          description="只删除标记为示例的数据，您自己导入的数据不受影响。"
          okText="移除"
          cancelText="取消"
          onConfirm={async () => {
            await removeDemoData(getDatabase());
            message.success('示例数据已移除');
          }}
        >
          <Button size="small" danger>
            移除示例数据
          </Button>
        </Popconfirm>
      }
    />
  );
}
