import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Table, Typography } from 'antd';
import { KEY_FILE_EXTENSION, MIN_PASSPHRASE_LENGTH } from '@shared/crypto/key-file';
import { encodeOfficePublicKey, OFFICE_PUBLIC_KEY_EXTENSION } from '@shared/crypto/office-public-key-file';
import { officeKeyMode } from '../db/office-key-repository';
import { officeKeyStore, useOfficeKeyInfo } from '../db/hooks/office-key';
import { settingsStore } from '../db/hooks/settings';
import { getPlatform } from '../platform';
import { formatDateTime } from '@shared/util/time-format';

const FILTERS = [{ name: '评查台签名密钥', extensions: [KEY_FILE_EXTENSION] }];

type Dialog =
  { kind: 'export' } | { kind: 'public' } | { kind: 'import'; name: string; bytes: Uint8Array } | null;

/**
 * 本单位签名密钥: its fingerprint (what outsiders compare with the draw record), the key's history,
 * the passphrase-protected key file (the only way the secret leaves this machine), a new key.
 */
export function OfficeKeyCard() {
  const { message, modal } = App.useApp();
  const [version, setVersion] = useState(0);
  const info = useOfficeKeyInfo(version);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [passphrase, setPassphrase] = useState('');
  const [officeName, setOfficeName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Desktop: the key is the main process's (safeStorage); the web build keeps it in the browser profile.
  const desktop = officeKeyMode() === 'desktop';
  const close = () => {
    setDialog(null);
    setPassphrase('');
    setError(null);
  };

  async function confirm() {
    if (!dialog) return;
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'public') {
        if (!info?.publicKey || !info.fingerprint) throw new Error('本机还没有本单位签名密钥。');
        const saved = await getPlatform().saveFile({
          suggestedName: `本单位公钥-${info.fingerprint.slice(0, 9)}.${OFFICE_PUBLIC_KEY_EXTENSION}`,
          bytes: encodeOfficePublicKey(officeName, info.publicKey),
          filters: [{ name: '本单位公钥文件', extensions: [OFFICE_PUBLIC_KEY_EXTENSION] }],
        });
        if (saved) message.success('已导出本单位公钥文件：请随评查包发给评查人员');
      } else if (dialog.kind === 'export') {
        const f = await officeKeyStore.exportOfficeKeyFile(passphrase);
        const saved = await getPlatform().saveFile({
          suggestedName: f.fileName,
          bytes: f.bytes,
          filters: FILTERS,
        });
        if (saved) message.success('已导出密钥文件：请与口令分开、妥善保管');
      } else {
        const r = await officeKeyStore.importOfficeKeyFile(
          dialog.bytes,
          passphrase,
          dialog.name,
          await settingsStore.currentOperator(),
        );
        message.success(
          r.changed
            ? `已导入本单位签名密钥（指纹 ${r.fingerprint}），已记入操作留痕`
            : '该密钥已是本机正在使用的密钥',
        );
      }
      close();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : '操作未完成。');
    } finally {
      setBusy(false);
    }
  }

  async function pickImport() {
    const [file] = await getPlatform().openFiles({ multiple: false, filters: FILTERS });
    if (file) setDialog({ kind: 'import', name: file.name, bytes: file.bytes });
  }

  function rotate() {
    modal.confirm({
      title: '启用新的签名密钥？',
      content:
        '新密钥启用后，以后的抽取、定稿、整改函和通报都由新密钥签名；这次更换由原密钥签名并记入操作留痕。已印发文件上的指纹仍对应原密钥。',
      okText: '启用新密钥',
      cancelText: '取消',
      onOk: async () => {
        await officeKeyStore.rotateOfficeKey(await settingsStore.currentOperator());
        setVersion((v) => v + 1);
        message.success('已启用新的签名密钥');
      },
    });
  }

  return (
    <Card title="本单位签名密钥" data-testid="office-key-card">
      <Typography.Paragraph type="secondary">
        本机用这把密钥（Ed25519）为抽取、复核定稿、整改函、通报和发给评查人员的评查包签名。外部核对人员凭下面的指纹确认签名来自本单位。
        私钥只保存在本机，<b>不进入任何备份</b>；换电脑时请在此导出密钥文件（用口令加密），在新电脑上导入。
      </Typography.Paragraph>
      {desktop ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="office-key-desktop-mode"
          title="桌面版：私钥由评查台主进程保存，用操作系统的密钥保护加密（Windows 数据保护 / macOS 钥匙串 / Linux 密钥环）"
          description="页面本身读不到私钥，只能在每次写入后请主进程为操作留痕末端签名；主进程另存一份签名的留痕末端，删除末尾的留痕会被指出。能以本人账户登录并使用这台电脑的人仍可以本单位名称签名，请锁屏保护。导出时由主进程用口令加密成密钥文件，导入、启用新密钥也都在主进程中完成；启用新密钥由原密钥签名确认。"
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="office-key-weaker-mode"
          title="浏览器版：私钥保存在浏览器的用户数据中（较弱的保护方式）"
          description="能在本机打开浏览器存储或开发者工具的人可以读出私钥，并在任何电脑上以本单位名义签名。桌面版把私钥交给操作系统加密保存、页面读不到，是更强的方式。请只在专人使用、锁屏保护的电脑上使用本单位密钥，并妥善保管导出的密钥文件。已印在文书上的留痕校验码仍能揭示此后对留痕的任何改写。"
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="公钥指纹">
          <Typography.Text code copyable data-testid="office-key-fingerprint">
            {info?.fingerprint ?? '尚未生成'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          onClick={() => setDialog({ kind: 'export' })}
          disabled={!info?.fingerprint}
          data-testid="office-key-export"
        >
          导出密钥文件…
        </Button>
        <Button
          onClick={() => setDialog({ kind: 'public' })}
          disabled={!info?.fingerprint}
          data-testid="office-public-key-export"
        >
          导出本单位公钥文件（发给评查人员）…
        </Button>
        <Button onClick={() => void pickImport()} data-testid="office-key-import">
          导入密钥文件…
        </Button>
        <Button danger onClick={rotate} disabled={!info?.fingerprint}>
          启用新密钥…
        </Button>
      </Space>
      {(info?.history.length ?? 0) > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey="publicKey"
          pagination={false}
          dataSource={info!.history}
          columns={[
            {
              title: '曾用密钥指纹',
              dataIndex: 'fingerprint',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: '启用时间',
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: '来源',
              dataIndex: 'source',
              render: (v: string) => (v === 'imported' ? '导入' : '本机生成'),
            },
          ]}
        />
      )}
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'export'
            ? '导出密钥文件'
            : dialog?.kind === 'public'
              ? '导出本单位公钥文件'
              : `导入密钥文件“${dialog?.kind === 'import' ? dialog.name : ''}”`
        }
        okText={dialog?.kind === 'import' ? '导入' : '导出'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void confirm()}
        onCancel={close}
        destroyOnHidden
      >
        {dialog?.kind === 'public' ? (
          <>
            <Typography.Paragraph>
              公钥文件只含本单位名称和公钥（不含私钥）。评查人员在打开评查包前选择它，评查台就只打开由本单位签名的评查包，并以单位名称和指纹显示。
            </Typography.Paragraph>
            <Input
              value={officeName}
              onChange={(e) => setOfficeName(e.target.value)}
              placeholder="本单位名称，如：德阳市司法局"
              data-testid="office-public-key-name"
              onPressEnter={() => void confirm()}
            />
          </>
        ) : (
          <>
            <Typography.Paragraph>
              {dialog?.kind === 'export'
                ? `设置一个至少 ${MIN_PASSPHRASE_LENGTH} 个字符、不易猜到的口令（不能全是同一个字符，不能是常见口令）。没有口令无法打开密钥文件；口令丢失则密钥文件作废。`
                : '输入导出密钥文件时设置的口令。'}
            </Typography.Paragraph>
            <Input.Password
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              placeholder="口令"
              data-testid="office-key-passphrase"
              onPressEnter={() => void confirm()}
            />
          </>
        )}
        {error && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={error}
            data-testid="office-key-error"
          />
        )}
      </Modal>
    </Card>
  );
}
