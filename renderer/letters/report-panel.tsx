// 评查情况通报: built from the results and the draw record, charts rendered offscreen with ECharts
// (main thread: the worker has no canvas) and embedded as PNG, editable by paragraph, exported as
// DOCX and PDF through the document worker.
import { useFlagPrecision } from '../results/use-flag-precision';
import { useMemo, useState } from 'react';
import { App, Alert, Button, Checkbox, Space, Typography } from 'antd';
import type { OfficialDocument } from '@shared/documents/layout-model';
import {
  buildCampaignReport,
  draftNumber,
  reportFinalisation,
  reportSections,
  type ReportInput,
} from '@shared/letters/campaign-report';
import type { LetterSettings } from '@shared/letters/letter-settings';
import { documentObjectId } from '../db/letters-repository';
import { letterStore, useReportEdits } from '../db/hooks/letters';
import { settingsStore } from '../db/hooks/settings';
import { withLogCode } from '@shared/documents/log-code-line';
import { formatDateTime } from '@shared/util/time-format';
import { getPlatform } from '../platform';
import { useDocumentRenderer } from '../workers/document-renderer-context';
import { gradeDistributionOption, renderChartPng, topProblemsOption } from '../results/charts';
import type { CampaignResultData, ComputedResults } from '../results/use-campaign-results';
import { confirmAction } from '../ui/confirm';
import { DocumentNumberStatus } from './document-number-status';
import { ParagraphEditor } from './paragraph-editor';
import { safeFileName, todayIso } from './use-letters';

// 150 x 75 mm charts, drawn at 2x for print.
const CHART_W_MM = 150;
const CHART_H_MM = 75;
const PX_PER_MM = 4;

/** What the user chose for this 通报 (estimates in or out; a 阶段性通报 confirmed at 定稿). */
export interface ReportOptions {
  omitEstimates: boolean;
  interim: boolean;
}

export function reportInput(
  data: CampaignResultData,
  computed: ComputedResults,
  settings: LetterSettings,
  charts: boolean,
  options: ReportOptions = { omitEstimates: false, interim: false },
): ReportInput {
  const c = data.campaign;
  const r = computed.results;
  const input: ReportInput = {
    campaign: {
      id: c.id,
      name: c.name,
      year: c.year,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      ...(c.dateByType ? { dateByType: c.dateByType } : {}),
    },
    results: r,
    draw: computed.reportDraw,
    estimates: computed.estimates,
    agreement: computed.agreement,
    settings,
    issueDate: todayIso(),
    omitEstimates: options.omitEstimates,
    interim: options.interim,
  };
  if (charts && r.fileCount > 0) {
    const size = (opt: Parameters<typeof renderChartPng>[0]) => ({
      png: renderChartPng(opt, CHART_W_MM * PX_PER_MM, CHART_H_MM * PX_PER_MM, 2),
      widthMm: CHART_W_MM,
      heightMm: CHART_H_MM,
    });
    try {
      input.charts = {
        grades: size(gradeDistributionOption(r, false)),
        ...(r.problemsByItem.length > 0 ? { problems: size(topProblemsOption(r, 8, false)) } : {}),
      };
    } catch {
      // No canvas (e.g. a test DOM): the report goes out without the two charts; the tables carry the figures.
    }
  }
  return input;
}

export function ReportPanel({
  data,
  computed,
  settings,
  onPreview,
}: {
  data: CampaignResultData;
  computed: ComputedResults;
  settings: LetterSettings;
  onPreview: (p: { title: string; doc: OfficialDocument }) => void;
}) {
  const { message, modal } = App.useApp();
  const renderer = useDocumentRenderer();
  const campaignId = data.campaign.id;
  const edits = useReportEdits(campaignId);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [info, setInfo] = useState<string | null>(null);
  const [omitEstimates, setOmitEstimates] = useState(false);
  const ledgerCensus = useFlagPrecision(campaignId)?.paragraph ?? null;
  const sections = useMemo(
    () =>
      reportSections({
        ...reportInput(data, computed, settings, false, { omitEstimates, interim: false }),
        ledgerCensus,
      }),
    [data, computed, settings, omitEstimates, ledgerCensus],
  );
  if (computed.results.fileCount === 0) {
    return <Alert type="info" showIcon title="该活动还没有复核完成的案卷，暂不能生成通报。" />;
  }

  const build = (docNumber: string | null = null, interim = false): OfficialDocument =>
    buildCampaignReport(
      { ...reportInput(data, computed, settings, true, { omitEstimates, interim }), docNumber, ledgerCensus },
      edits ?? {},
    );
  const finalisation = reportFinalisation({ results: computed.results, draw: computed.reportDraw });

  const saveBoth = async (doc: OfficialDocument, suffix: string) => {
    const fonts = await letterStore.readFontOverrides(settings);
    const [docx, pdf] = await Promise.all([renderer.render(doc, 'docx'), renderer.render(doc, 'pdf', fonts)]);
    const base = safeFileName(`${data.campaign.name}-评查情况通报${suffix}`);
    await getPlatform().saveFile({
      suggestedName: `${base}.docx`,
      bytes: docx,
      filters: [{ name: 'Word 文档', extensions: ['docx'] }],
    });
    await getPlatform().saveFile({
      suggestedName: `${base}.pdf`,
      bytes: pdf,
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
    });
    return { docx, pdf };
  };

  /** 导出草稿: the draft with the placeholder number; nothing is allocated or recorded. */
  const exportDraft = async () => {
    setBusy(true);
    setInfo(null);
    try {
      await saveBoth(build(), '（草稿）');
      setInfo(
        `已导出通报草稿（发文字号为“${draftNumber(settings.reportPrefix, Number(todayIso().slice(0, 4)))}”，定稿时编号）。`,
      );
    } catch (e) {
      void message.error(`导出通报草稿失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  /** 定稿: asks first (a 阶段性通报 when drawn files are unfinished), then numbers, records and exports. */
  const finaliseReport = async () => {
    const interim = finalisation.needsInterimConfirmation;
    const ok = await confirmAction(modal, {
      title: interim ? '作为阶段性通报定稿？' : '定稿并编号？',
      content: interim
        ? `随机抽取的${finalisation.drawnCount ?? 0}件案卷中尚有${finalisation.unfinishedCount}件未完成评查。` +
          `现在定稿只能作为阶段性通报：标题为“……情况的阶段性通报”，正文注明未完成评查的件数。定稿后从发文字号登记簿取得编号，并记入操作留痕。`
        : '定稿后从发文字号登记簿取得编号（已编号的沿用原编号），并记入操作留痕；之后导出的通报均为定稿。',
      okText: interim ? '作为阶段性通报定稿' : '定稿并编号',
    });
    if (!ok) return;
    setBusy(true);
    setInfo(null);
    try {
      const t0 = performance.now();
      // 定稿: the 通报 takes its 发文字号 from the register (logged with the operator); issued again, it keeps it.
      const actor = await settingsStore.currentOperator();
      const { docNumber } = await letterStore.allocateDocumentNumber({
        docType: 'report',
        objectId: documentObjectId('report', campaignId),
        prefix: settings.reportPrefix,
        issueDate: todayIso(),
        actor,
        label: data.campaign.name,
        campaignId,
      });
      const built = build(docNumber, interim);
      // A signed checkpoint for this 通报; its code is printed on it.
      const doc = withLogCode(
        built,
        await letterStore.recordReportIssue({
          campaignId,
          campaignName: data.campaign.name,
          actor,
          document: built,
        }),
        settings.logCodePlacement,
      );
      const { docx, pdf } = await saveBoth(doc, '');
      const seconds = (performance.now() - t0) / 1000;
      performance.measure('report:export', { start: t0 });
      setInfo(
        `已定稿${interim ? '阶段性' : ''}通报 ${docNumber}（含 2 幅图表），用时 ${seconds.toFixed(2)} 秒；PDF ${(pdf.length / 1024).toFixed(0)} KB，DOCX ${(docx.length / 1024).toFixed(0)} KB。`,
      );
    } catch (e) {
      void message.error(`生成通报失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        通报包括评查范围、评查方法（抽取记录和种子）、各单位结果表、等次分布和高频问题图表、典型问题举例和工作要求，由评查数据生成；正文可逐段修改后导出。
        {computed.reportDraw
          ? `抽取记录：${formatDateTime(computed.reportDraw.drawnAt)} 抽取，种子 ${computed.reportDraw.seed}。`
          : '该活动没有抽取记录。'}
      </Typography.Paragraph>
      <Space wrap>
        <Button
          onClick={() => {
            try {
              onPreview({ title: '评查情况通报', doc: build() });
            } catch (e) {
              void message.error(e instanceof Error ? e.message : String(e));
            }
          }}
          data-testid="preview-report"
        >
          预览通报
        </Button>
        <Button onClick={() => setEditing(true)}>修改正文</Button>
        <Button loading={busy} onClick={() => void exportDraft()} data-testid="export-report-draft">
          导出草稿（DOCX 和 PDF）
        </Button>
        <Button
          type="primary"
          loading={busy}
          onClick={() => void finaliseReport()}
          data-testid="export-report"
        >
          定稿、编号并导出…
        </Button>
        <DocumentNumberStatus
          docType="report"
          objectId={documentObjectId('report', campaignId)}
          label={data.campaign.name}
          onVoided={() => setInfo(null)}
        />
      </Space>
      <Checkbox
        checked={!omitEstimates}
        onChange={(e) => setOmitEstimates(!e.target.checked)}
        data-testid="report-estimates-option"
      >
        通报中写入由抽样结果推算全市情况的段落
      </Checkbox>
      {finalisation.unfinishedCount > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="report-unfinished"
          title={`随机抽取的${finalisation.drawnCount ?? 0}件案卷中尚有${finalisation.unfinishedCount}件未完成评查：现在定稿只能作为阶段性通报。`}
        />
      )}
      {info && <Alert type="success" showIcon title={info} data-testid="report-result" />}
      <ParagraphEditor
        open={editing}
        title="修改通报正文"
        sections={sections}
        edits={edits ?? {}}
        onClose={() => setEditing(false)}
        onSave={async (next) => {
          await letterStore.saveReportEdits(campaignId, next);
          void message.success('已保存修改。');
        }}
      />
    </Space>
  );
}
