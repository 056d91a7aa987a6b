import { Alert, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ImportErrorAlert, ImportSteps } from '../ui/import-steps';
import { useCaseIndex } from './case-index-context';
import { formatCount } from './format';
import { ConfigureStep } from './import-configure-step';
import { ReportStep } from './import-report-step';
import { useLedgerImport } from './use-ledger-import';

const PHASE_LABEL = { read: '读取文件', analyse: '校验数据', write: '写入数据库' } as const;

/** 导入执法台账: pick files, map the columns, read the report, import (one file or the queue as a batch). */
export function ImportWizard() {
  const { index } = useCaseIndex();
  const wizard = useLedgerImport();
  const { queue, current, stage, config, batchNote } = wizard;
  const batchSize = queue.length + (stage.kind === 'configure' || stage.kind === 'report' ? 1 : 0);
  const step = { idle: 0, busy: 1, configure: 1, report: 2, done: 3, error: 1 }[stage.kind];

  return (
    <Card
      title="导入执法台账"
      extra={
        queue.length > 0 && (
          <Space>
            <Tag>队列中还有 {queue.length} 个文件</Tag>
            {stage.kind !== 'busy' && (
              <Button
                type="primary"
                data-testid="import-batch"
                title="依次校验并导入队列中的文件，遇到有错误或需要确认的文件时停下"
                onClick={() => void wizard.importBatch()}
              >
                批量导入（{batchSize} 个文件）
              </Button>
            )}
          </Space>
        )
      }
    >
      <ImportSteps
        current={
          stage.kind === 'busy' && stage.phase === 'write'
            ? 3
            : stage.kind === 'busy' && stage.phase === 'analyse'
              ? 2
              : step
        }
        marginBottom={20}
      />
      {batchNote && (
        <Alert
          type={
            stage.kind === 'configure' || stage.kind === 'report' || stage.kind === 'error'
              ? 'warning'
              : 'info'
          }
          showIcon
          closable
          onClose={() => wizard.setBatchNote(null)}
          data-testid="import-batch-note"
          message={batchNote}
          style={{ marginBottom: 12 }}
        />
      )}
      {stage.kind === 'idle' && (
        <div style={{ textAlign: 'center', padding: '24px 0' }}>
          <InboxOutlined style={{ fontSize: 40, color: '#1f4e99' }} />
          <p>支持 Excel / WPS 导出的 XLSX，以及 UTF-8 或 GBK 编码的 CSV；可一次选择多个文件。</p>
          <Button type="primary" size="large" onClick={wizard.pickFiles}>
            选择台账文件…
          </Button>
        </div>
      )}
      {stage.kind === 'busy' && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
          <Typography.Text>
            {stage.label}（{PHASE_LABEL[stage.phase]}）…
          </Typography.Text>
          <Progress
            percent={
              stage.progress && stage.progress.total
                ? Math.floor((100 * stage.progress.done) / stage.progress.total)
                : 0
            }
            status="active"
            format={() =>
              stage.progress
                ? `${formatCount(stage.progress.done)} / ${formatCount(stage.progress.total)}`
                : '处理中'
            }
          />
          <Button onClick={wizard.cancel}>取消</Button>
        </Space>
      )}
      {stage.kind === 'error' && (
        <ImportErrorAlert
          fileName={stage.fileName}
          message={stage.message}
          testId="import-error"
          onRetryGbk={current ? () => void wizard.openFile(current, 'gbk') : undefined}
          nextLabel={queue.length ? '下一个文件' : '返回'}
          onNext={() => void wizard.nextInQueue()}
        />
      )}
      {stage.kind === 'configure' && config && current && (
        <ConfigureStep
          file={stage.file}
          duplicates={stage.duplicates}
          remembered={stage.remembered}
          config={config}
          setConfig={wizard.setConfig}
          knownDepartments={index.distinct('department')}
          onEncoding={(enc) => void wizard.openFile(current, enc)}
          onSheet={async (i) => {
            try {
              await wizard.configure(
                await wizard.importer().selectSheet(stage.file.fileKey, i),
                config.encoding,
              );
            } catch (e) {
              wizard.fail(stage.file.name, e);
            }
          }}
          onNext={() => void wizard.analyse(stage.file, stage.duplicates)}
          onAbandon={wizard.abandon}
        />
      )}
      {stage.kind === 'report' && config && (
        <ReportStep
          summary={stage.summary}
          duplicates={stage.duplicates}
          insist={config.insist}
          onInsist={(insist) => wizard.setConfig({ ...config, insist })}
          onBack={() =>
            wizard.setStage({
              kind: 'configure',
              file: stage.file,
              duplicates: stage.duplicates,
              remembered: null,
            })
          }
          onImport={() => void wizard.commit(stage.file, stage.summary)}
          onExportRowsToFix={() => void wizard.exportRowsToFix(stage.summary)}
          importer={wizard.importer}
          onFixed={() => void wizard.analyse(stage.file, stage.duplicates)}
          onAbandon={wizard.abandon}
          onChoice={(name, target) =>
            void wizard.analyse(stage.file, stage.duplicates, { ...config.departmentChoices, [name]: target })
          }
        />
      )}
      {stage.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          message={`“${stage.record.fileName}”导入完成`}
          description={`导入 ${formatCount(stage.record.counts.imported)} 件；未导入的错误行 ${formatCount(stage.record.counts.errors)} 行；排除（合计、空行等）${formatCount(stage.record.counts.excluded)} 行。`}
          action={
            <Button type="primary" onClick={() => void wizard.nextInQueue()}>
              {queue.length ? `继续下一个文件（剩 ${queue.length} 个）` : '完成'}
            </Button>
          }
        />
      )}
    </Card>
  );
}
