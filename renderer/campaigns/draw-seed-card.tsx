import { Fragment } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { FullscreenOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { SEED_DIGITS, generateSeed, groupDigits } from './seed';

export type SeedSource = 'typed' | 'generated' | null;

/** 随机种子与见证: the seed in groups of five, how it came about, and the operator and witnesses. */
export function DrawSeedCard(props: {
  seed: string;
  seedSource: SeedSource;
  seedError: string | null;
  running: boolean;
  onCeremony: () => void;
  onGenerated: (seed: string) => void;
  operatorName: string;
  onOperator: (name: string) => void;
  witnesses: string;
  onWitnesses: (text: string) => void;
}) {
  const { seed, seedSource, seedError, running } = props;
  return (
    <Card title="随机种子与见证">
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <div
            data-testid="seed-display"
            style={{
              fontFamily: '"Noto Sans Mono", "DejaVu Sans Mono", monospace',
              fontSize: 40,
              fontWeight: 600,
              letterSpacing: '0.06em',
              minHeight: 60,
              color: seed ? '#1f1f1f' : '#bfbfbf',
            }}
          >
            {/* Each group of five stays whole: a line breaks only between groups, never inside one. */}
            {seed
              ? groupDigits(seed)
                  .split(' ')
                  .map((g, i) => (
                    <Fragment key={i}>
                      {i > 0 && ' '}
                      <span
                        data-testid="seed-group"
                        style={{ whiteSpace: 'nowrap', display: 'inline-block' }}
                      >
                        {g}
                      </span>
                    </Fragment>
                  ))
              : '尚未确定种子'}
          </div>
          <Typography.Paragraph type="secondary">
            {seedSource === 'generated'
              ? `由本机安全随机数生成 ${seed.length} 位随机数字。`
              : seedSource === 'typed'
                ? `公开输入 ${seed.length} 位数字。`
                : `建议当众掷骰子读出 ${SEED_DIGITS} 位数字，在全屏模式下输入，见证人核对。`}
            种子在抽取后锁定，不可更改。
          </Typography.Paragraph>
          {seed && seedError && (
            <Alert type="warning" showIcon title={seedError} style={{ marginBottom: 12 }} />
          )}
          <Space wrap>
            <Button icon={<FullscreenOutlined />} onClick={props.onCeremony} disabled={running}>
              公开输入种子（全屏）
            </Button>
            <Button
              icon={<ThunderboltOutlined />}
              disabled={running}
              onClick={() => props.onGenerated(generateSeed())}
            >
              生成随机种子
            </Button>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Form layout="vertical">
            <Form.Item label="操作人员" required>
              <Input
                aria-label="操作人员"
                value={props.operatorName}
                onChange={(e) => props.onOperator(e.target.value)}
                maxLength={40}
              />
            </Form.Item>
            <Form.Item label="见证人" extra="多人用顿号或逗号分隔，例如：王芳、赵强">
              <Input
                aria-label="见证人"
                value={props.witnesses}
                onChange={(e) => props.onWitnesses(e.target.value)}
                maxLength={200}
              />
            </Form.Item>
          </Form>
        </Col>
      </Row>
    </Card>
  );
}
