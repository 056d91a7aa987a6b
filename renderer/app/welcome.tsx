// First run: an empty store opens on a welcome screen instead of an empty import page. It offers
// the two ways in (see the whole flow on demo data, or start with one's own ledgers) and the steps.
import { useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Steps, Typography } from 'antd';
import { DemoLoadProgress, useDemoLoad } from '../demo/demo-data-card';
import { useDemoLoadState } from '../workers/demo-loader';
import { navigate } from '../ui/router';
import { useOpenPackage } from '../packages/open-package';

const STEPS = [
  { title: '导入台账', content: '各执法部门报送的案卷台账（XLSX / CSV）' },
  { title: '评查活动', content: '确定范围，公开随机抽取案卷' },
  { title: '评查', content: '组建评查组、分配案卷、逐卷评分和复核' },
  { title: '评查结果', content: '部门排名、高频问题、评查情况通报' },
  { title: '整改函', content: '向存在问题的单位印发整改函' },
];

export function WelcomePage() {
  const load = useDemoLoad(() => navigate('campaigns'));
  const loading = useDemoLoadState();
  const [packageError, setPackageError] = useState<string | null>(null);
  // A reviewer's laptop starts here: the package opens the workspace, then the files to score.
  const openPackage = useOpenPackage(setPackageError, () => navigate('review'));
  return (
    <Space orientation="vertical" size={20} style={{ width: '100%', maxWidth: 1100 }} data-testid="welcome">
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          欢迎使用评查台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          本机还没有任何数据。可以先载入示例数据走一遍完整流程，也可以直接导入本单位的执法台账开始正式工作。
        </Typography.Paragraph>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title="先熟悉流程：载入示例数据" style={{ height: '100%' }}>
            <Typography.Paragraph>
              一步载入一个虚构的完整评查活动（33 个部门的台账、随机抽取、评分与复核、300
              名执法人员），通常只需几秒钟。示例数据有醒目标记，可随时一键移除，不影响您自己的数据。
            </Typography.Paragraph>
            {loading.running ? (
              <DemoLoadProgress />
            ) : (
              <Button type="primary" onClick={() => void load()}>
                载入示例数据
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="开始正式工作：导入台账" style={{ height: '100%' }}>
            <Typography.Paragraph>
              选择各执法部门报送的案卷台账（Excel / WPS 导出的 XLSX，或
              CSV）。导入前会逐行校验，有问题的行会列明原因。
            </Typography.Paragraph>
            <Space wrap>
              <Button type="primary" onClick={() => navigate('ledgers')} disabled={loading.running}>
                导入台账
              </Button>
              <Button onClick={() => navigate('data-safety/backup')} disabled={loading.running}>
                从备份恢复
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="评查人员：打开评查包" style={{ height: '100%' }}>
            <Typography.Paragraph>
              在评查人员自己的电脑上打开组织者发来的评查包（.pingcha-package），即可离线评查分配给您的案卷。
            </Typography.Paragraph>
            <Button
              type="primary"
              onClick={() => void openPackage()}
              disabled={loading.running}
              data-testid="welcome-open-package"
            >
              打开评查包…
            </Button>
            {packageError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={packageError} />}
          </Card>
        </Col>
      </Row>
      <Card title="工作流程" size="small">
        <Steps
          size="small"
          current={-1}
          items={STEPS.map((s) => ({ title: s.title, content: s.content }))}
          responsive={false}
        />
      </Card>
    </Space>
  );
}
