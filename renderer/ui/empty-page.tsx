// A page with nothing to show yet: its title, why it is empty, and a button to the next step.
import { Button, Card, Empty } from 'antd';
import { navigate } from './router';

export function EmptyPage({
  title,
  description,
  next,
}: {
  title: string;
  description: string;
  /** The step that fills this page: a button label and the route it opens. */
  next: { label: string; route: string };
}) {
  return (
    <Card title={title} data-testid="empty-page">
      <Empty description={description}>
        <Button type="primary" onClick={() => navigate(next.route)}>
          {next.label}
        </Button>
      </Empty>
    </Card>
  );
}
