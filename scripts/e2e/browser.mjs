// Shared by stage 1 (test/e2e/ui.test.mjs) and stage 2 (scripts/e2e/host-tests.mjs):
// Debian's chromium driven by playwright-core, offline, and workbench URLs for code-server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Required environment variable, with a clear message when run.sh did not set it. */
export function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run this through scripts/e2e/run.sh`);
  return v;
}

/**
 * A fresh headless Chromium profile that can only reach 127.0.0.1: the host resolver maps every
 * other name to NOTFOUND and a route aborts any request that is not for 127.0.0.1 (product.json
 * names an extension gallery and a telemetry endpoint; neither is tried).
 */
export async function launchBrowser({
  profileParent = process.env.E2E_WORK || tmpdir(),
  viewport = { width: 1600, height: 900 },
  // The browser's language (navigator.language, Accept-Language). Stage 3 sets E2E_BROWSER_LOCALE=fr-FR
  // to match code-server's `--locale fr`: with a browser locale other than the display language, the
  // workbench asks the extension gallery for a language pack (a request to the internet).
  locale = process.env.E2E_BROWSER_LOCALE || undefined,
} = {}) {
  const profile = mkdtempSync(join(profileParent, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium puts its crash database under $XDG_CONFIG_HOME/chromium even with its own profile.
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, '.config'), XDG_CACHE_HOME: join(profile, '.cache') },
    viewport,
    locale,
    deviceScaleFactor: 1,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-crash-reporter',
      '--disable-breakpad',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
    return route.abort('blockedbyclient');
  });
  return context;
}

/**
 * Workbench URL for a folder with an optional payload. URIs inside the payload must use the page's
 * own host as remote authority (`vscode-remote://127.0.0.1:PORT/...`), not "remote": otherwise
 * VS Code opens a second model of the same file (no squiggles in the visible editor).
 */
export function workbenchUrl(csUrl, folder, payload) {
  const u = new URL(csUrl);
  u.pathname = '/';
  u.searchParams.set('folder', folder);
  if (payload) u.searchParams.set('payload', JSON.stringify(payload));
  return u.toString();
}

export function remoteUri(csUrl, absPath) {
  return `vscode-remote://${new URL(csUrl).host}${absPath}`;
}
