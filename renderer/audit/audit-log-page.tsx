import { formatCount } from '@shared/util/number-format';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { verifyAuditChain, type AuditVerification } from '@shared/audit/audit-chain';
import { actionLabel } from '@shared/audit/action-labels';
import type { SupersededAuditEntry } from '../db/backup-repository';
import { checkStoredDataAndLog, useAuditLog, useSupersededEntries } from '../db/hooks/audit';
import {
  currentHeadCode,
  verifyLogTrust,
  type LogTrustReport,
  type RecordMismatch,
} from '@shared/audit/log-trust';
import { headCode } from '@shared/crypto/signing';
import { VirtualTable, type VirtualColumn } from '../ui/virtual-table';
import { getPlatform } from '../platform';
import { buildAuditLogExport, auditExportFileName } from './audit-export';
import { formatDateTimeSeconds } from '@shared/util/time-format';

const formatTime = formatDateTimeSeconds;

/** 操作留痕: the hash-chained log, its verification and its export. */
export function AuditLogPage() {
  const { message } = App.useApp();
  const entries = useAuditLog();
  const superseded = useSupersededEntries();
  const [search, setSearch] = useState('');
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [logTrust, setLogTrust] = useState<LogTrustReport | null>(null);
  const [dataCheck, setDataCheck] = useState<{ trust: LogTrustReport; mismatches: RecordMismatch[] } | null>(
    null,
  );
  const [checking, setChecking] = useState(false);
  const head = entries ? currentHeadCode(entries) : null;
  const shown = useMemo(() => {
    const all = entries ?? [];
    const q = search.trim();
    const list = q
      ? all.filter((e) => [e.summary, e.actor, e.objectId, actionLabel(e.action)].some((t) => t.includes(q)))
      : all;
    // Newest first: people look for what just happened.
    return [...list].reverse();
  }, [entries, search]);
  const brokenAt = verification && !verification.ok ? verification.brokenAt : null;

  const columns: VirtualColumn[] = [
    {
      key: 'seq',
      title: '序号',
      width: 80,
      minWidth: 60,
      align: 'right',
      render: (i) => {
        const e = shown[i]!;
        return e.seq === brokenAt ? <Tag color="red">{e.seq} 断链</Tag> : e.seq;
      },
    },
    { key: 'at', title: '时间', width: 170, minWidth: 150, render: (i) => formatTime(shown[i]!.at) },
    { key: 'actor', title: '操作人员', width: 140, minWidth: 90, render: (i) => shown[i]!.actor },
    { key: 'action', title: '操作', width: 130, minWidth: 110, render: (i) => actionLabel(shown[i]!.action) },
    { key: 'summary', title: '内容', width: 520, minWidth: 200, render: (i) => shown[i]!.summary },
    {
      key: 'hash',
      title: '本条哈希',
      width: 240,
      minWidth: 150,
      render: (i) => (
        <Space size={4}>
          <Typography.Text code>{headCode(shown[i]!.hash)}</Typography.Text>
          {/* Each write signs its last entry; that signature covers every entry before it. */}
          {shown[i]!.signature && (
            <Tag color="blue" title="本单位密钥对这一条签名，签名同时覆盖此前的全部记录">
              已签名
            </Tag>
          )}
        </Space>
      ),
    },
  ];

  function verify() {
    const v = verifyAuditChain(entries ?? []);
    setVerification(v);
    // The chain alone is not the whole story: signatures, keys and the action → table pairs.
    setLogTrust(verifyLogTrust(entries ?? []));
  }

  async function checkData() {
    setChecking(true);
    try {
      setDataCheck(await checkStoredDataAndLog());
    } finally {
      setChecking(false);
    }
  }

  async function exportLog() {
    const all = entries ?? [];
    const file = buildAuditLogExport(all, await getPlatform().appVersion(), new Date());
    const saved = await getPlatform().saveFile({
      suggestedName: auditExportFileName(new Date()),
      bytes: file,
      filters: [{ name: 'JSON 文件', extensions: ['json'] }],
    });
    if (saved) message.success(`已导出 ${all.length} 条操作留痕`);
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="操作留痕">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            抽取、替换、分配、提交评分、提交后修改、复核定稿、文书发出与办结、执法证决定、导入和恢复等操作逐条记录，只增不改。每条记录含时间、操作人员、操作、对象、内容摘要（SHA-256）和前一条记录的哈希，任何一条被修改、删除或调换顺序都会在核对时被发现。导出的留痕文件可与抽取记录、评查报告一并交存，并可用命令
            <Typography.Text code>pingcha log verify 文件</Typography.Text>独立核对。
          </Typography.Paragraph>
          <Space wrap>
            <Button type="primary" onClick={verify} disabled={!entries} data-testid="audit-verify">
              核对留痕
            </Button>
            <Button onClick={() => void checkData()} loading={checking} data-testid="audit-check-data">
              核对数据与留痕
            </Button>
            <Button onClick={() => void exportLog()} disabled={!entries?.length} data-testid="audit-export">
              导出留痕（JSON）
            </Button>
            <Input.Search
              allowClear
              placeholder="搜索内容、操作人员、对象"
              style={{ width: 280 }}
              onSearch={setSearch}
              onChange={(e) => e.target.value === '' && setSearch('')}
            />
            <Typography.Text type="secondary">共 {formatCount(entries?.length ?? 0)} 条</Typography.Text>
            {head && (
              <Typography.Text>
                当前留痕校验码{' '}
                <Typography.Text code copyable data-testid="audit-head-code">
                  {head}
                </Typography.Text>
              </Typography.Text>
            )}
          </Space>
          {dataCheck && (
            <Alert
              type={
                dataCheck.trust.ok && dataCheck.mismatches.length === 0
                  ? dataCheck.trust.warnings.length
                    ? 'warning'
                    : 'success'
                  : 'error'
              }
              showIcon
              data-testid="audit-data-result"
              title={
                dataCheck.trust.ok && dataCheck.mismatches.length === 0
                  ? `数据与留痕一致：留痕 ${dataCheck.trust.entries} 条，签名有效的关键节点 ${dataCheck.trust.signedCheckpoints} 个；抽取结果、定稿结果、已印发整改函和年审结论都与最后一次写入时的留痕相符。`
                  : `发现 ${dataCheck.trust.problems.length + dataCheck.mismatches.length} 处问题：`
              }
              description={
                <div>
                  {[
                    ...dataCheck.trust.problems,
                    ...dataCheck.mismatches.map((m) => m.message),
                    ...dataCheck.trust.warnings.map((w) => `注意：${w}`),
                  ].map((line, i) => (
                    <div key={i}>{line}</div>
                  ))}
                  {dataCheck.trust.keys.map((k) => (
                    <div key={k.publicKey}>
                      本单位签名密钥指纹 {k.fingerprint}（自第 {k.fromSeq} 条起）
                    </div>
                  ))}
                </div>
              }
            />
          )}
          {verification?.ok && (
            <Alert
              type={logTrust && !logTrust.ok ? 'error' : 'success'}
              showIcon
              data-testid="audit-result"
              title={
                logTrust?.unsigned
                  ? `留痕未签名：共 ${verification.entries} 条记录，哈希链完整，但没有任何本单位密钥的签名，不能证明任何操作。`
                  : logTrust && !logTrust.ok
                    ? `哈希链完整，但发现 ${logTrust.problems.length} 处问题：`
                    : `留痕完整：共 ${verification.entries} 条记录，每条的哈希和链接都正确，每条都有本单位密钥的有效签名。`
              }
              description={
                <div>
                  {(logTrust && !logTrust.ok ? logTrust.problems : []).map((p, i) => (
                    <div key={i}>{p}</div>
                  ))}
                  <div>最后一条记录的哈希：{verification.lastHash}</div>
                </div>
              }
            />
          )}
          {verification && !verification.ok && (
            <Alert
              type="error"
              showIcon
              data-testid="audit-result"
              title={`留痕被改动：第一处断开在第 ${verification.brokenAt} 条（共 ${verification.entries} 条）。`}
              description={verification.reason}
            />
          )}
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <VirtualTable
          ariaLabel="操作留痕"
          columns={columns}
          rowCount={shown.length}
          height={520}
          emptyText={entries ? '还没有操作留痕' : '正在读取…'}
        />
      </Card>
      {superseded && superseded.length > 0 && <SupersededBranches entries={superseded} />}
    </Space>
  );
}

/**
 * Entries a restore rolled back: kept as they were (their hashes still link them to the entries
 * before them), grouped by the restore that undid them.
 */
function SupersededBranches({ entries }: { entries: SupersededAuditEntry[] }) {
  const groups = new Map<string, SupersededAuditEntry[]>();
  for (const e of entries) {
    const list = groups.get(e.restoreHash) ?? [];
    list.push(e);
    groups.set(e.restoreHash, list);
  }
  return (
    <Card title="已被恢复撤销的记录" data-testid="audit-superseded">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          从较早的备份恢复时，本机在该备份之后的操作被撤销。这些操作的留痕不删除，按原样保留在这里（哈希与原链相连），并由对应的“从备份恢复”记录在链中固定。
        </Typography.Paragraph>
        {[...groups.values()].map((list) => {
          const first = list[0]!;
          return (
            <div key={first.restoreHash} data-testid="audit-superseded-branch">
              <Typography.Text strong>
                第 {first.restoreSeq} 条“从备份恢复”（{formatTime(first.restoredAt)}，操作人员{' '}
                {first.restoredBy}
                ，恢复到 {formatTime(first.backupCreatedAt)} 的备份）撤销了以下 {list.length} 条记录：
              </Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {list.map((e) => (
                  <li key={e.id}>
                    第 {e.seq} 条 · {formatTime(e.at)} · {e.actor} · {actionLabel(e.action)} · {e.summary}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
