import { Button, Container, Group, Text } from '@mantine/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import { adminKey, apiKey, KEY_REFUSED_EVENT } from './api';
import { ColourSchemeSwitch } from './colour-scheme-switch';
import { ErrorAlert, Link } from './components';
import { DocumentPage } from './pages/document-page';
import { DocumentsPage } from './pages/documents-page';
import { SearchPage } from './pages/search-page';
import { usePath } from './router';
import { SignIn } from './sign-in';
import { useAdminKey } from './use-admin-key';
import { useSession } from './use-session';

// Loaded when first opened: most sessions never open the operators' pages or the webhooks, so none download them.
const PipelinePage = lazy(() => import('./pages/pipeline-page').then((module) => ({ default: module.PipelinePage })));
const ApiKeysPage = lazy(() => import('./pages/api-keys-page').then((module) => ({ default: module.ApiKeysPage })));
const WebhooksPage = lazy(() => import('./pages/webhooks-page').then((module) => ({ default: module.WebhooksPage })));

const REFUSED = 'This API key was refused: it may have been revoked or changed. Sign in again with a valid key.';

function Page({ path }: { path: string }) {
  const document = /^\/documents\/([0-9a-f-]{36})$/i.exec(path);
  if (document) return <DocumentPage id={document[1] as string} />;
  if (path === '/search') return <SearchPage />;
  if (path === '/pipeline') return <PipelinePage />;
  if (path === '/keys') return <ApiKeysPage />;
  if (path === '/webhooks') return <WebhooksPage />;
  return <DocumentsPage />;
}

/**
 * The header's pages, each for whom it opens: an operator's only while the session holds an admin key the gateway
 * accepted, the webhooks only when the signed-in key administers its tenant (its admin scope).
 */
const NAV: ReadonlyArray<{ to: string; label: string; for: 'everyone' | 'operators' | 'tenant-admins' }> = [
  { to: '/', label: 'Documents', for: 'everyone' },
  { to: '/search', label: 'Search', for: 'everyone' },
  { to: '/pipeline', label: 'Pipeline', for: 'operators' },
  { to: '/webhooks', label: 'Webhooks', for: 'tenant-admins' },
  { to: '/keys', label: 'Keys', for: 'operators' },
];

const current = (path: string, to: string): 'page' | undefined =>
  (to === '/' ? path === '/' || path.startsWith('/documents') : path.startsWith(to)) ? 'page' : undefined;

export function App() {
  const path = usePath();
  const [signedIn, setSignedIn] = useState(() => apiKey.get() !== '');
  const [notice, setNotice] = useState<string | null>(null);
  const operator = useAdminKey() !== '';
  const { session, error: sessionError, setSession } = useSession(signedIn);
  const opens = { everyone: true, operators: operator, 'tenant-admins': session?.tenantAdmin === true };
  useEffect(() => {
    const refused = () => {
      setNotice(REFUSED);
      setSession(null);
      setSignedIn(false);
    };
    window.addEventListener(KEY_REFUSED_EVENT, refused);
    return () => window.removeEventListener(KEY_REFUSED_EVENT, refused);
  }, [setSession]);

  if (!signedIn)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(key, signedInAs) => {
          apiKey.set(key);
          setSession(signedInAs);
          setNotice(null);
          setSignedIn(true);
        }}
      />
    );
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Group component="header" className="app-header" gap="xs" px="md" py="sm" wrap="wrap">
        <Link to="/" className="brand" fw={700} size="lg" mr="md">
          docpipe
        </Link>
        <Group component="nav" aria-label="Main" gap={4} wrap="wrap">
          {NAV.filter((item) => opens[item.for]).map(({ to, label }) => (
            <Link key={to} to={to} current={current(path, to)} className="nav-link" px="xs" py={4}>
              {label}
            </Link>
          ))}
        </Group>
        <Group gap="xs" ml="auto">
          {session && (
            <Text size="sm" data-testid="session" title={`Tenant ${session.tenantId}; this key may ${session.scopes.join(', ')}`}>
              {session.tenantId} · {session.scopes.join(', ')}
            </Text>
          )}
          <ColourSchemeSwitch />
          <Button
            className="sign-out"
            variant="default"
            size="compact-sm"
            onClick={() => {
              apiKey.clear();
              adminKey.clear();
              setSession(null);
              setSignedIn(false);
            }}
          >
            Sign out
          </Button>
        </Group>
      </Group>
      <Container component="main" id="content" size="xl" px={{ base: 'sm', sm: 'md' }} py="md">
        <ErrorAlert>{sessionError}</ErrorAlert>
        <Suspense fallback={<Text c="dimmed">Loading…</Text>}>
          <Page path={path} />
        </Suspense>
      </Container>
    </>
  );
}
