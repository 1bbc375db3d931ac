/**
 * Launches Debian's Chromium through playwright-core for browser tests, offline by construction:
 * every request to a host other than 127.0.0.1, localhost or [::1] is aborted (and recorded), and
 * DNS resolution of any other name fails inside the browser, which also covers WebSockets and
 * Chromium's own background traffic. Each page opened through the session records its requests,
 * failed requests, HTTP errors, console errors and uncaught errors, so tests can assert there
 * were none.
 */
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`). Playwright's own browsers are never used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where tests save screenshots; CI keeps it as an artifact, git ignores it. */
export const TEST_RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** A page and what happened on it (its dedicated workers included). */
export interface WatchedPage {
  page: Page;
  /** Every request the page made (URLs, in order), blocked ones included. */
  requests: string[];
  /** Requests that failed at the network level or got an HTTP status ≥ 400 (`METHOD url: why`). */
  failedRequests: string[];
  /** `console.error` messages and uncaught errors. */
  consoleErrors: string[];
}

export interface ChromiumSession {
  context: BrowserContext;
  /** Requests of any page to a non-loopback host, which were aborted. */
  blockedRequests: string[];
  /** Opens a new page whose activity is recorded. */
  openPage(): Promise<WatchedPage>;
  /** Closes the browser and deletes its profile directory. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Tells whether `url` may be loaded by the test browser: loopback http(s)/ws(s) URLs, and
 * URLs that involve no network (`data:`, `blob:`, `about:`).
 */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return false;
  const host = parsed.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Launches headless Chromium with a fresh profile in a temporary directory. Fails with a clear
 * message when `/usr/bin/chromium` is missing.
 */
export async function launchChromium(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<ChromiumSession> {
  await access(CHROMIUM_PATH).catch(() => {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).`,
    );
  });
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'pi-gateway-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      serviceWorkers: 'block',
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const blockedRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopbackUrl(url)) {
      await route.fallback();
      return;
    }
    blockedRequests.push(url);
    await route.abort('blockedbyclient');
  });

  return {
    context,
    blockedRequests,
    async openPage() {
      const page = await context.newPage();
      return watch(page);
    },
    close: once(async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    }),
  };
}

/** Saves a full-window screenshot as `test-results/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(TEST_RESULTS_DIR, { recursive: true });
  const file = path.join(TEST_RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

function watch(page: Page): WatchedPage {
  const watched: WatchedPage = { page, requests: [], failedRequests: [], consoleErrors: [] };
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  };
  page.on('request', (request) => watched.requests.push(request.url()));
  page.on('requestfailed', (request) => {
    const why = request.failure()?.errorText ?? 'failed';
    watched.failedRequests.push(`${request.method()} ${request.url()}: ${why}`);
  });
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const request = response.request();
    watched.failedRequests.push(`${request.method()} ${response.url()}: HTTP ${response.status()}`);
  });
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  page.on('pageerror', (error) => watched.consoleErrors.push(`uncaught: ${error.message}`));
  return watched;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
