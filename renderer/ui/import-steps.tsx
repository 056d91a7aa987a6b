// Parts both spreadsheet import wizards show (the ledgers' and the officers'): the four steps, and the
// error shown when a file cannot be imported.
import { Alert, Button, Space, Steps } from 'antd';

const STEP_ITEMS = [
  { title: '选择文件' },
  { title: '表头与字段对应' },
  { title: '校验报告' },
  { title: '导入完成' },
];

/** 选择文件 -> 表头与字段对应 -> 校验报告 -> 导入完成. */
export function ImportSteps(props: { current: number; marginBottom: number }) {
  return (
    <Steps
      size="small"
      current={props.current}
      style={{ marginBottom: props.marginBottom }}
      items={STEP_ITEMS}
    />
  );
}

/** A file that could not be imported: the reason, that nothing was written, and what to do next. */
export function ImportErrorAlert(props: {
  fileName: string;
  message: string;
  testId: string;
  /** Read the file again as GBK (absent when there is no file to re-read). */
  onRetryGbk?: () => void;
  nextLabel: string;
  onNext: () => void;
}) {
  return (
    <Alert
      type="error"
      showIcon
      message={`无法导入“${props.fileName}”`}
      description={
        <>
          <p data-testid={props.testId}>{props.message}</p>
          <p>数据库未作任何更改。</p>
        </>
      }
      action={
        <Space orientation="vertical">
          {props.onRetryGbk && (
            <Button onClick={props.onRetryGbk} size="small">
              按 GBK 重试
            </Button>
          )}
          <Button onClick={props.onNext} size="small" type="primary">
            {props.nextLabel}
          </Button>
        </Space>
      }
    />
  );
}
