import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, startTestServer } from './browser.ts';
const t0 = Date.now(); const lap = (m: string) => console.log(m, Date.now() - t0);
const s = await startTestServer('sqlite'); lap('server');
const b = await launchBrowser(); lap('launch');
const c = await b.newContext(); const p = await c.newPage(); lap('page');
await p.goto(s.url('/')); lap('goto');
await p.goto(s.url('/login')); lap('goto2');
for (let i = 0; i < 3; i++) { await new AxeBuilder({ page: p }).setLegacyMode(true).analyze(); lap('axe'); }
await b.close(); await s.close();
