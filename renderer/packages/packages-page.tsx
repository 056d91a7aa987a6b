import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  describeSheetVersion,
  type ConflictChoice,
  type SheetMergeOutcome,
} from '@shared/packages/merge-sheets';
import type { PackageSheet } from '@shared/packages/panel-package';
import { describeSheetVersionDiff } from '@shared/packages/sheet-version-diff';
import type { ScoreSheet } from '@shared/review/scoring-engine';
import { standardItems, type ReviewStandard } from '@shared/standards/standard-model';
import {
  type PanelPackageKind,
  type PackageEvidenceSize,
  type ResultsPreview,
} from '../db/package-repository';
import { useCaseIndex } from '../ledgers/case-index-context';
import { getPlatform } from '../platform';
import {
  decodeOfficePublicKey,
  OFFICE_PUBLIC_KEY_EXTENSION,
  type OfficePublicKey,
} from '@shared/crypto/office-public-key-file';
import {
  packageStore,
  usePanelPackages,
  useReviewerPackageSummaries,
  useWorkspace,
} from '../db/hooks/packages';
import { settingsStore } from '../db/hooks/settings';
import { standardStore } from '../db/hooks/standards';
import { useCampaigns } from '../db/hooks/campaigns';
import { PACKAGE_FILTERS, useOpenPackage } from './open-package';
import { formatDateTime } from '@shared/util/time-format';
import { errorText } from '@shared/util/error-text';
import { formatBytes } from '@shared/ledger/limits';
import { caseFileStore } from '../db/hooks/case-files';

const OFFICE_KEY_FILTERS = [{ name: '本单位公钥文件', extensions: [OFFICE_PUBLIC_KEY_EXTENSION] }];
const FILTERS = PACKAGE_FILTERS;

const KIND_LABELS: Record<PanelPackageKind, string> = {
  'assignment-export': '导出评查包',
  'workspace-open': '打开评查包',
  'results-export': '导出结果包',
  'results-import': '导入结果包',
};

const OUTCOME_LABELS: Record<SheetMergeOutcome['kind'], string> = {
  add: '新增',
  update: '更新',
  unchanged: '无变化',
  conflict: '冲突（需选择）',
  locked: '已定稿，不改',
  'not-assigned': '已不再分配给该人员，不改',
};

/** 评查包: the coordinator's packages per reviewer and results import; a reviewer's workspace. */
export function PackagesPage() {
  const { message, modal } = App.useApp();
  const workspace = useWorkspace();
  const history = usePanelPackages();
  const [error, setError] = useState<string | null>(null);
  const [trustedOffice, setTrustedOffice] = useState<OfficePublicKey | null>(null);

  async function pickOfficeKey() {
    setError(null);
    const [file] = await getPlatform().openFiles({ multiple: false, filters: OFFICE_KEY_FILTERS });
    if (!file) return;
    try {
      setTrustedOffice(decodeOfficePublicKey(file.bytes, file.name));
    } catch (e) {
      setError(errorText(e));
    }
  }

  const openPackage = useOpenPackage(setError, undefined, trustedOffice);

  async function exportResults() {
    setError(null);
    try {
      const r = await packageStore.exportResultsPackage({
        actor: await settingsStore.currentOperator(),
        appVersion: await getPlatform().appVersion(),
      });
      const saved = await getPlatform().saveFile({
        suggestedName: r.fileName,
        bytes: r.bytes,
        filters: FILTERS,
      });
      if (!saved) return;
      message.success(`已导出评查结果包（评分表 ${r.sheets} 份）`);
      // Case files hold personal data: once the results are out they need not stay on the laptop.
      const files = await caseFileStore.countCampaignCaseFiles(r.pkg.campaignId);
      if (files > 0) offerCaseFileRemoval(r.pkg.campaignId, files);
    } catch (e) {
      setError(errorText(e));
    }
  }

  function offerCaseFileRemoval(campaignId: string, files: number) {
    modal.confirm({
      title: '从本机移除电子案卷？',
      content: `评查结果包已导出。本机还存有 ${files} 个电子案卷，其中含当事人等个人信息；结果包只带标注，不带文件。移除后本机不能再查看这些案卷（如需修改评分，请向组织者重新索取评查包）。移除会记入操作留痕。`,
      okText: '移除电子案卷',
      cancelText: '暂不移除',
      okButtonProps: { danger: true, 'data-testid': 'remove-case-files-confirm' } as never,
      onOk: async () => {
        try {
          const n = await caseFileStore.removeCampaignCaseFiles({
            campaignId,
            actor: await settingsStore.currentOperator(),
            reason: '评查结果包已导出',
          });
          message.success(`已从本机移除 ${n} 个电子案卷`);
        } catch (e) {
          setError(errorText(e));
        }
      },
    });
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          title={error}
          onClose={() => setError(null)}
          data-testid="package-error"
        />
      )}
      {workspace ? (
        <Card title="评查工作区（由评查包打开）" data-testid="package-workspace">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="评查活动">{workspace.campaignName}</Descriptions.Item>
            <Descriptions.Item label="评查人员">{workspace.reviewerName}</Descriptions.Item>
            <Descriptions.Item label="分配的案卷">{workspace.itemIds.length} 件</Descriptions.Item>
            <Descriptions.Item label="组织单位">
              <span data-testid="workspace-office">
                {workspace.officeName
                  ? `${workspace.officeName}（签名密钥指纹 ${workspace.officeFingerprint ?? '—'}，已按本单位公钥文件核对）`
                  : `未核对：签名密钥指纹 ${workspace.officeFingerprint ?? '（旧版评查包，无签名）'}`}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="打开时间">{formatDateTime(workspace.openedAt)}</Descriptions.Item>
          </Descriptions>
          {!workspace.officeName && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              data-testid="workspace-office-unverified"
              title={`本机没有被告知信任哪一把本单位签名密钥：这个评查包由指纹为 ${workspace.officeFingerprint ?? '（无）'} 的密钥签名。请与组织单位当面或电话逐组核对这个指纹；不一致时不要评查，评查包可能是伪造的。`}
            />
          )}
          <Typography.Paragraph style={{ marginTop: 12 }}>
            本机只用于评查这些案卷。评分完成（或中途）可导出评查结果包，交给活动组织者导入；可多次导出，组织者导入较新的结果包会覆盖较旧的。
          </Typography.Paragraph>
          <Button type="primary" onClick={() => void exportResults()} data-testid="export-results">
            导出评查结果包
          </Button>
        </Card>
      ) : (
        <CoordinatorPanel onError={setError} />
      )}
      {!workspace && (
        <Card title="评查人员：打开评查包">
          <Space orientation="vertical">
            <Typography.Text>
              在评查人员自己的电脑上（新安装的评查台）打开组织者发来的评查包，即可离线评查分配的案卷。
            </Typography.Text>
            <Typography.Text type="secondary">
              先选择组织单位发来的本单位公钥文件（.{OFFICE_PUBLIC_KEY_EXTENSION}
              ），本机就只打开由该单位签名的评查包。
            </Typography.Text>
            <Space wrap>
              <Button onClick={() => void pickOfficeKey()} data-testid="pick-office-key">
                选择本单位公钥文件…
              </Button>
              <Typography.Text data-testid="trusted-office">
                {trustedOffice
                  ? `信任：${trustedOffice.office}（签名密钥指纹 ${trustedOffice.fingerprint}）`
                  : '尚未选择：打开后只能凭指纹与组织单位人工核对'}
              </Typography.Text>
            </Space>
            <Button onClick={() => void openPackage()} data-testid="open-package">
              打开评查包…
            </Button>
          </Space>
        </Card>
      )}
      <Card title="评查包记录">
        <Table
          size="small"
          rowKey="id"
          dataSource={history ?? []}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: '还没有评查包记录' }}
          columns={[
            {
              title: '时间',
              dataIndex: 'at',
              width: 170,
              render: (t: string) => formatDateTime(t),
            },
            { title: '操作', dataIndex: 'kind', width: 110, render: (k: PanelPackageKind) => KIND_LABELS[k] },
            { title: '评查人员', dataIndex: 'reviewerName', width: 120 },
            { title: '文件', dataIndex: 'fileName' },
            {
              title: 'SHA-256',
              dataIndex: 'sha256',
              width: 130,
              render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function CoordinatorPanel({ onError }: { onError: (m: string | null) => void }) {
  const { message } = App.useApp();
  const { index } = useCaseIndex();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const current = campaignId ?? campaigns?.[0]?.id ?? null;
  const data = useReviewerPackageSummaries(current);
  const [preview, setPreview] = useState<{ bytes: Uint8Array; name: string; p: ResultsPreview } | null>(null);
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [conflictStandards, setConflictStandards] = useState<ReviewStandard[]>([]);
  const [busy, setBusy] = useState(false);

  async function exportFor(reviewerId: string, itemIds: string[]) {
    onError(null);
    setBusy(true);
    try {
      const r = await packageStore.exportAssignmentPackage({
        campaignId: current!,
        reviewerId,
        cases: await packageStore.casesForPackage(index, itemIds),
        actor: await settingsStore.currentOperator(),
        appVersion: await getPlatform().appVersion(),
      });
      // A package split into parts is saved part by part (each at most 2 GB); all go to the reviewer.
      let saved = 0;
      for (const part of r.parts) {
        if (
          !(await getPlatform().saveFile({ suggestedName: part.name, bytes: part.bytes, filters: FILTERS }))
        )
          break;
        saved += 1;
      }
      if (saved === r.parts.length)
        message.success(
          r.parts.length === 1
            ? `已导出评查包：${r.fileName}`
            : `已导出评查包，共 ${r.parts.length} 卷：请把各卷一起交给评查人员，打开时一次全部选中。`,
        );
      else if (saved > 0)
        onError(
          `评查包共 ${r.parts.length} 卷，只保存了前 ${saved} 卷：缺卷的评查包打不开，请重新导出并保存全部分卷。`,
        );
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function chooseResults() {
    onError(null);
    const [file] = await getPlatform().openFiles({ multiple: false, filters: FILTERS });
    if (!file) return;
    try {
      setChoices({});
      const p = await packageStore.previewResultsPackage(file.bytes, file.name);
      // The standards the conflicting versions were scored under, so the dialog can name items.
      const keys = new Map<string, [string, number]>();
      for (const o of p.plan.outcomes)
        if (o.kind === 'conflict')
          for (const v of [o.local, o.incoming])
            keys.set(`${v.standardId}@${v.standardVersion}`, [v.standardId, v.standardVersion]);
      setConflictStandards(await standardStore.getStandards([...keys.values()]));
      setPreview({ bytes: file.bytes, name: file.name, p });
    } catch (e) {
      onError(errorText(e));
    }
  }

  const conflicts = preview?.p.plan.outcomes.filter((o) => o.kind === 'conflict') ?? [];
  const standardOf = (id: string, version: number) =>
    conflictStandards.find((s) => s.id === id && s.version === version) ?? null;
  const caseOf = (itemId: string) => {
    const at = index.indexOfItemId(itemId);
    if (at < 0) return null;
    const row = index.row(at);
    return { caseNo: row.caseNo, department: row.department };
  };
  const unresolved = conflicts.some((c) => !choices[c.id]);

  async function merge() {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await packageStore.importResultsPackage(preview.bytes, preview.name, {
        actor: await settingsStore.currentOperator(),
        choices,
      });
      message.success(r.alreadyImported ? '该结果包已导入过，没有变化' : `已合并评分表 ${r.written} 份`);
      setPreview(null);
    } catch (e) {
      onError(errorText(e));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="活动组织者：评查包">
      {!campaigns?.length ? (
        <Typography.Text type="secondary">
          还没有评查活动。建立活动、分配评查人员后，可在这里为每位评查人员导出评查包。
        </Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>评查活动</Typography.Text>
            <Select
              style={{ minWidth: 320 }}
              value={current}
              onChange={setCampaignId}
              options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            />
            <Button onClick={() => void chooseResults()} data-testid="import-results">
              导入评查结果包…
            </Button>
          </Space>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data ?? []}
            locale={{ emptyText: '本活动还没有评查人员' }}
            columns={[
              { title: '评查人员', dataIndex: 'name' },
              { title: '单位', dataIndex: 'unit' },
              {
                title: '分配案卷',
                width: 100,
                render: (_: unknown, r: { id: string; files: string[] }) => r.files.length,
              },
              { title: '评分表', dataIndex: 'sheets', width: 90 },
              {
                title: '电子案卷（随包）',
                width: 200,
                render: (_: unknown, r: { id: string; files: string[]; evidence?: PackageEvidenceSize }) => (
                  <span data-testid={`package-evidence-${r.id}`}>
                    {r.evidence && <EvidenceSizeText size={r.evidence} />}
                  </span>
                ),
              },
              {
                title: '',
                width: 130,
                render: (_: unknown, r: { id: string; files: string[] }) => (
                  <Button
                    size="small"
                    disabled={busy || r.files.length === 0}
                    onClick={() => void exportFor(r.id, r.files)}
                  >
                    导出评查包
                  </Button>
                ),
              },
            ]}
          />
        </Space>
      )}
      <Modal
        open={!!preview}
        width={860}
        title={`导入评查结果包：${preview?.name ?? ''}`}
        okText={preview?.p.alreadyImported ? '知道了' : '合并评分'}
        cancelText="取消"
        okButtonProps={
          {
            disabled: busy || (!preview?.p.alreadyImported && unresolved),
            'data-testid': 'merge-confirm',
          } as never
        }
        onCancel={() => setPreview(null)}
        onOk={() => (preview?.p.alreadyImported ? setPreview(null) : void merge())}
      >
        {preview && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {preview.p.alreadyImported && (
              <Alert type="info" showIcon title="这个结果包已经导入过，再次导入不会有任何变化。" />
            )}
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="评查活动">{preview.p.pkg.campaignName}</Descriptions.Item>
              <Descriptions.Item label="评查人员">{preview.p.pkg.content.reviewerName}</Descriptions.Item>
              <Descriptions.Item label="导出时间">
                {formatDateTime(preview.p.pkg.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label="评分表">{preview.p.pkg.content.sheets.length} 份</Descriptions.Item>
            </Descriptions>
            <Space wrap>
              {(Object.keys(OUTCOME_LABELS) as SheetMergeOutcome['kind'][]).map((k) => (
                <Tag key={k} color={k === 'conflict' && preview.p.plan.counts[k] ? 'red' : undefined}>
                  {OUTCOME_LABELS[k]}：{preview.p.plan.counts[k]}
                </Tag>
              ))}
            </Space>
            {conflicts.map((c) =>
              c.kind === 'conflict' ? (
                <ConflictCard
                  key={c.id}
                  local={c.local}
                  incoming={c.incoming}
                  reviewerName={preview.p.pkg.content.reviewerName}
                  caseOf={caseOf}
                  standardOf={standardOf}
                  choice={choices[c.id]}
                  onChoose={(v) => setChoices({ ...choices, [c.id]: v })}
                />
              ) : null,
            )}
          </Space>
        )}
      </Modal>
    </Card>
  );
}

/** What a reviewer's package will carry: "3 个，共 42.0 MB", parts when split, the refusal when it cannot. */
function EvidenceSizeText({ size }: { size: PackageEvidenceSize }) {
  if (size.refusal) return <Typography.Text type="danger">{size.refusal}</Typography.Text>;
  if (size.files === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <>
      {`${size.files} 个，共 ${formatBytes(size.bytes)}`}
      {size.parts > 1 && `（超过 2 GB，分 ${size.parts} 卷导出）`}
    </>
  );
}

/** One conflict: which file (case number, department), whose, what differs in words, and the choice. */
function ConflictCard({
  local,
  incoming,
  reviewerName,
  caseOf,
  standardOf,
  choice,
  onChoose,
}: {
  local: PackageSheet;
  incoming: PackageSheet;
  reviewerName: string;
  caseOf: (itemId: string) => { caseNo: string; department: string } | null;
  standardOf: (id: string, version: number) => ReviewStandard | null;
  choice: ConflictChoice | undefined;
  onChoose: (c: ConflictChoice) => void;
}) {
  const file = caseOf(local.itemId);
  const input = (s: PackageSheet) => ({
    sheet: s.sheet,
    status: s.status,
    standardId: s.standardId,
    standardVersion: s.standardVersion,
    standard: standardOf(s.standardId, s.standardVersion),
  });
  const diff = describeSheetVersionDiff(input(local), input(incoming));
  return (
    <Card
      size="small"
      data-testid="merge-conflict"
      title={`冲突：案卷 ${file?.caseNo ?? '（本机台账中没有该案卷）'}${file ? `（${file.department}）` : ''} · 评查人员 ${reviewerName}`}
    >
      <Typography.Text strong>两个版本的不同：</Typography.Text>
      <ul style={{ margin: '4px 0 8px 0' }} data-testid="merge-conflict-diff">
        {(diff.length ? diff : ['两个版本的评分相同，仅修改记录不同']).map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
      <Radio.Group value={choice} onChange={(e) => onChoose(e.target.value as ConflictChoice)}>
        <Space orientation="vertical">
          <Radio value="local">保留本机版本：{describeSheetVersion(local)}</Radio>
          <SheetDetail sheet={local.sheet} standard={standardOf(local.standardId, local.standardVersion)} />
          <Radio value="incoming">采用结果包版本：{describeSheetVersion(incoming)}</Radio>
          <SheetDetail
            sheet={incoming.sheet}
            standard={standardOf(incoming.standardId, incoming.standardVersion)}
          />
        </Space>
      </Radio.Group>
    </Card>
  );
}

function SheetDetail({ sheet, standard }: { sheet: ScoreSheet; standard: ReviewStandard | null }) {
  if (sheet.deductions.length === 0 && sheet.vetoes.length === 0) {
    return (
      <Typography.Text type="secondary" style={{ marginLeft: 24 }}>
        （无扣分）
      </Typography.Text>
    );
  }
  const items = standard ? standardItems(standard) : [];
  const itemOf = (id: string) => items.find((x) => x.item.id === id)?.item;
  return (
    <ul style={{ margin: '0 0 0 24px' }}>
      {sheet.deductions.map((d, i) => {
        const item = itemOf(d.itemId);
        const option = item?.deductions.find((o) => o.id === d.optionId);
        return (
          <li key={i}>
            {item?.title ?? '（标准中已无此项）'}
            {option ? `：${option.label}` : ''}
            {d.count > 1 ? ` × ${d.count}` : ''}——{d.problem}
          </li>
        );
      })}
      {sheet.vetoes.map((v, i) => (
        <li key={'v' + i}>
          否决项：{standard?.vetoes.find((x) => x.id === v.vetoId)?.text ?? '（标准中已无此否决项）'}——
          {v.reason}
        </li>
      ))}
    </ul>
  );
}
