import { useState } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { getPlatform } from '../platform';
import { useDrawRunner } from './draw-runner-context';
import type { VerifyResult } from '../workers/draw-protocol';
import { formatDateTime } from '@shared/util/time-format';

type Shown = { fileName: string; result: VerifyResult };

/** 核验抽取记录: opens a draw record JSON and recomputes it from the stored ledgers. */
export function VerifyCard() {
  const runner = useDrawRunner();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);

  const open = async () => {
    const files = await getPlatform().openFiles({
      multiple: false,
      filters: [{ name: '抽取记录（JSON）', extensions: ['json'] }],
    });
    const file = files[0];
    if (!file) return;
    setBusy(true);
    setShown(null);
    try {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
      } catch {
        setShown({
          fileName: file.name,
          result: {
            ok: false,
            unreadable: true,
            message: '文件不是 UTF-8 文本，不是评查台导出的抽取记录（JSON）。',
          },
        });
        return;
      }
      setShown({ fileName: file.name, result: await runner.verify(text) });
    } catch (e) {
      setShown({
        fileName: file.name,
        result: {
          ok: false,
          unreadable: true,
          message: `核验时出错：${e instanceof Error ? e.message : String(e)}`,
        },
      });
    } finally {
      setBusy(false);
    }
  };

  const r = shown?.result;
  return (
    <Card title="核验抽取记录">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          打开导出的抽取记录（JSON），按记录中的范围从本机现有台账重新确定总体，用记录中的种子、分层和名额重新抽取，逐项核对。
          命令行可做同样的核验：pingcha draw verify 抽取记录.json 台账文件……
        </Typography.Paragraph>
        <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void open()}>
          打开抽取记录（JSON）…
        </Button>
        {shown && r && (
          <div data-testid="verify-result">
            {r.ok ? (
              <Alert
                type="success"
                showIcon
                title={`一致：“${shown.fileName}”与本机台账重新计算的结果相同`}
                description={`${r.campaign}，抽取于 ${formatDateTime(r.drawnAt)}。${r.summary}`}
              />
            ) : r.unreadable ? (
              <Alert type="error" showIcon title={`无法核验“${shown.fileName}”`} description={r.message} />
            ) : (
              <Alert
                type="error"
                showIcon
                title={`不一致：“${shown.fileName}”与本机台账重新计算的结果不同`}
                description={`${r.campaign ?? ''}${r.drawnAt ? `，抽取于 ${formatDateTime(r.drawnAt)}` : ''}。第一处不同：${r.message}`}
              />
            )}
          </div>
        )}
      </Space>
    </Card>
  );
}
