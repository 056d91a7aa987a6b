import { useEffect, useState } from 'react';
import { Descriptions, Spin, Table, Typography } from 'antd';
import type { CaseIndex } from '@shared/cases/case-index';
import { ledgerStore } from '../db/hooks/ledgers';
import { formatFen } from './format';

/** One case file: its normalised fields and the row's original cells, unmapped columns included. */
export function CaseDetail({ index, row }: { index: CaseIndex; row: number }) {
  const r = index.row(row);
  const [raw, setRaw] = useState<{ headers: string[]; cells: string[]; fileName: string } | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const pos = index.positionInImport(row);
      const source = await ledgerStore.loadRawRowWithSource(pos.importId, pos.offset);
      if (live) setRaw(source);
    })();
    return () => {
      live = false;
    };
  }, [index, row]);
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="案件编号">{r.caseNo}</Descriptions.Item>
        <Descriptions.Item label="执法部门">{r.department}</Descriptions.Item>
        <Descriptions.Item label="案件类型">{r.caseType}</Descriptions.Item>
        <Descriptions.Item label="案由">{r.cause}</Descriptions.Item>
        <Descriptions.Item label="当事人">{r.party}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{r.filedDate}</Descriptions.Item>
        <Descriptions.Item label="结案日期">{r.closedDate}</Descriptions.Item>
        <Descriptions.Item label="金额（元）">
          {r.amountFen === null ? '' : formatFen(r.amountFen)}
        </Descriptions.Item>
        <Descriptions.Item label="承办人">{r.officer}</Descriptions.Item>
        <Descriptions.Item label="执法证号">{r.certNo}</Descriptions.Item>
        <Descriptions.Item label="抽样编号">
          <Typography.Text code copyable>
            {r.itemId}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        原始单元格{raw ? `（${raw.fileName} 第 ${r.sourceRow} 行）` : ''}
      </Typography.Title>
      {raw ? (
        <Table
          size="small"
          pagination={false}
          rowKey="k"
          columns={[
            { title: '列', dataIndex: 'h', width: 180 },
            { title: '原始内容', dataIndex: 'v' },
          ]}
          dataSource={raw.cells.map((v, i) => ({ k: i, h: raw.headers[i] || `第 ${i + 1} 列`, v }))}
        />
      ) : (
        <Spin />
      )}
    </>
  );
}
