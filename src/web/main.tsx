import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ready } from './common/i18n';

// Drawn once the reader's language is there (English is fetched first for those who chose it).
void ready
  .catch(() => undefined) // Korean, if English could not be fetched
  .then(() => createRoot(document.getElementById('root')!).render(<App />));
