import { useEffect } from 'react';
import { Layout, Menu, Typography } from 'antd';
import { ErrorBoundary } from './error-boundary';
import { navigate, useRoute } from '../ui/router';
import { AppProviders } from './app-providers';
import { SECTIONS } from './sections';
import { useNavSections } from '../packages/workspace-mode';
import { requestPersistentStorage } from '../settings/storage';
import { DemoBanner } from '../demo/demo-banner';
import { OperatorGate } from './operator-gate';
import { StoreRoleBanner, StoreUpgradedGate } from './store-role-banner';
import { WelcomePage } from './welcome';
import { useStoreEmpty } from '../db/hooks/store';

export function App() {
  const route = useRoute();
  useEffect(() => {
    // IndexedDB is "best effort" unless persisted: ask once at start so the browser never evicts it.
    void requestPersistentStorage();
  }, []);
  // A reviewer workspace (opened from a panel package) offers only the reviewer's sections.
  const { sections, section } = useNavSections(SECTIONS, route.split('/')[0] ?? '');
  const empty = useStoreEmpty();
  // The app's start page (no route) on an empty store is the welcome screen, not an empty import page.
  const welcome = empty === true && (route === '' || route === 'welcome');
  return (
    <ErrorBoundary resetKey="root">
      <AppProviders>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider
            width={188}
            theme="light"
            data-testid="app-nav"
            // The navigation stays in view on long pages.
            style={{
              borderRight: '1px solid #f0f0f0',
              position: 'sticky',
              top: 0,
              height: '100vh',
              overflowY: 'auto',
              alignSelf: 'flex-start',
            }}
          >
            <div style={{ padding: '18px 20px 12px' }}>
              <Typography.Title level={4} style={{ margin: 0, color: '#1f4e99' }}>
                评查台
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                行政执法案卷评查
              </Typography.Text>
            </div>
            <Menu
              mode="inline"
              selectedKeys={welcome ? [] : [section.key]}
              items={sections.map((s) => ({ key: s.key, icon: s.icon, label: s.label }))}
              onClick={(e) => navigate(e.key)}
              style={{ borderInlineEnd: 'none' }}
            />
          </Layout.Sider>
          <Layout>
            <div
              style={{
                display: 'flex',
                justifyContent: 'flex-end',
                alignItems: 'center',
                padding: '4px 20px',
                background: '#fff',
                borderBottom: '1px solid #f0f0f0',
              }}
            >
              <OperatorGate />
            </div>
            <StoreRoleBanner />
            <DemoBanner />
            <Layout.Content style={{ padding: 20, background: '#f5f6f8' }}>
              <StoreUpgradedGate>
                {welcome ? (
                  <ErrorBoundary resetKey="welcome">
                    <WelcomePage />
                  </ErrorBoundary>
                ) : (
                  <ErrorBoundary resetKey={section.key}>{section.render()}</ErrorBoundary>
                )}
              </StoreUpgradedGate>
            </Layout.Content>
          </Layout>
        </Layout>
      </AppProviders>
    </ErrorBoundary>
  );
}
