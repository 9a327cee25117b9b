/** Entry of the staff web app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/global.css';

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
