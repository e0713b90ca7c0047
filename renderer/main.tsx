/** Renderer entry: the Electron bridge when present, else browser mode's HTTP client with the page's token. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiContext } from './api/context';
import { createHttpApi } from './api/http-client';
import './styles.css';

const token = new URLSearchParams(window.location.search).get('token') ?? '';
const api = window.kielo ?? createHttpApi(window.location.origin, token);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={api}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
