import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';

interface State {
  error: Error | null;
}

/** Never a white screen: a readable Chinese message, the technical detail folded, a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('评查台界面错误', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Result
        status="error"
        title="页面出现错误"
        subTitle="此页面未能正常显示。您的数据已保存在本机数据库中，不会因此丢失。可以重试，或切换到其他页面。"
        extra={[
          <Button type="primary" key="retry" onClick={() => this.setState({ error: null })}>
            重试
          </Button>,
          <Button key="reload" onClick={() => location.reload()}>
            重新加载
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">
          <details>
            <summary>技术信息（向技术支持反馈时请附上）</summary>
            <pre style={{ whiteSpace: 'pre-wrap' }}>{String(error.stack ?? error.message)}</pre>
          </details>
        </Typography.Paragraph>
      </Result>
    );
  }
}
