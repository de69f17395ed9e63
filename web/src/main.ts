/**
 * The app shell: a hash router over the pages (#/design, …). Each page mounts into <main> and returns
 * a cleanup function (stops its workers) that runs when the user switches page.
 */
import './lib/csp-safe-zod.js';
import './style.css';
import { h, setChildren } from './lib/dom.js';
import { designerPage } from './pages/designer.js';
import { dataPage } from './pages/data.js';
import { simulatorPage } from './pages/simulator.js';
import { eisPage } from './pages/eis.js';
import { studyPage } from './pages/study.js';

interface Page {
  title: string;
  mount(root: HTMLElement): () => void;
}

const pages: Record<string, { label: string; make: () => Page }> = {
  design: { label: 'Cell designer', make: () => designerPage() },
  sim: { label: 'Simulator', make: () => simulatorPage() },
  data: { label: 'Data', make: () => dataPage() },
  eis: { label: 'EIS fit', make: () => eisPage() },
  study: { label: 'Gao 2025 study', make: () => studyPage() },
};

const app = document.getElementById('app') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
let cleanup: (() => void) | undefined;

function route(): void {
  const key = /^#\/([a-z-]+)/.exec(location.hash)?.[1] ?? 'design';
  const entry = pages[key] ?? pages.design;
  cleanup?.();
  cleanup = undefined;
  setChildren(nav, ...Object.entries(pages).map(([k, p]) => h('a', { href: `#/${k}`, 'aria-current': k === key ? 'page' : undefined }, p.label)));
  app.replaceChildren();
  const page = entry.make();
  document.title = `${page.title} · cathodelab`;
  try {
    cleanup = page.mount(app);
  } catch (e) {
    console.error(e);
    app.append(h('div', { class: 'error', role: 'alert' }, `This page failed to start: ${(e as Error).message}`));
  }
}

window.addEventListener('hashchange', route);
route();
