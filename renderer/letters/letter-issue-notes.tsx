import { Alert, Checkbox, Descriptions } from 'antd';
import { deadlinePeriodText } from '@shared/letters/deadline';
import type { LetterSettings } from '@shared/letters/letter-settings';
import type { LetterRecord } from '../db/letters-repository';
import type { IssuePreview } from './use-issue-preview';

/** What 印发 will do: the number and deadline, backdating warnings, the evidence-crop option, a hand-edited deadline. */
export function IssueNotes({
  preview,
  backdated,
  settings,
  letter,
  cropCount,
  withCrops,
  onWithCrops,
}: {
  preview: NonNullable<IssuePreview>;
  backdated: readonly string[];
  settings: LetterSettings;
  letter: LetterRecord;
  cropCount: number;
  withCrops: boolean;
  onWithCrops: (on: boolean) => void;
}) {
  return (
    <>
      {'error' in preview ? (
        <Alert type="error" showIcon title={preview.error} />
      ) : (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="发文字号">
            <span data-testid="next-number">{preview.number}</span>（印发时分配，不会重复）
          </Descriptions.Item>
          <Descriptions.Item label="整改期限">
            {deadlinePeriodText({ days: settings.deadlineDays, mode: settings.deadlineMode })}，即{' '}
            {preview.deadline} 前（{settings.deadlineMode === 'working' ? '按工作日' : '按自然日'}计算）
          </Descriptions.Item>
        </Descriptions>
      )}
      {backdated.map((w) => (
        <Alert
          key={w}
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          data-testid="backdate-warning"
          title={w}
        />
      ))}
      {cropCount > 0 && (
        <Checkbox
          style={{ marginTop: 8 }}
          checked={withCrops}
          onChange={(e) => onWithCrops(e.target.checked)}
          data-testid="issue-with-crops"
        >
          附问题所在页面截图（{cropCount} 个标注了页面的问题，每个问题一张，作为附件）
        </Checkbox>
      )}
      {letter.edits.deadline !== undefined && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          title="“整改期限”一段已手工修改，其中的日期不会随印发日期自动更新，请核对。"
        />
      )}
    </>
  );
}
