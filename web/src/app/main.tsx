import './zodWithoutEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import { createQueryClient } from '../api/queryClient';
import { syncPlatformClock } from '../api/platformClock';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// a failure leaves the offset at zero until sign-in or the live channel measures it
syncPlatformClock().catch(() => undefined);

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      {/* plain updates, not transitions: Alt+N must show the call form before the next key arrives */}
      <BrowserRouter useTransitions={false}>
        <I18nProvider>
          <App />
        </I18nProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
