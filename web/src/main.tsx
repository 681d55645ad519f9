import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './mongol/fonts';
import './app/global.css';
import { App } from './app/App';
import { cssomStyleAttributes, nonceScriptStyles } from './app/cspNonce';

// Before any component mounts: the <style> elements the app creates must carry the page's CSP nonce.
nonceScriptStyles();
cssomStyleAttributes();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
