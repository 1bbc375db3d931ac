// The "done when" for the explorer, through the real gateway in embedded-simulator mode, in
// Debian's Chromium with every request to a non-loopback host blocked: the page loads from the
// gateway alone (at /graphiql and when a browser opens /graphql), a query typed in the editor shows
// its result, and the quickstart runs from the page: extract a brand, watch its job with a
// jobUpdated subscription until COMPLETED, read the brand, generate an image. Screenshots go to
// test-results/ (a CI artifact).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, WebSocket as PageWebSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../scripts/build-explorer.js';
import { loadConfig } from '../../src/config/index.js';
import { startGateway } from '../../src/gateway.js';
import type { RunningGateway } from '../../src/gateway.js';
import { launchChromium, saveScreenshot } from '../helpers/chromium.js';
import type { ChromiumSession, WatchedPage } from '../helpers/chromium.js';

// A brand extraction is queued for one step, processing for four and completed at the fifth: with
// 2 s steps the job is still PROCESSING for 10 s after its creation, a wide margin over the ~1 s the
// clicks between extracting and subscribing take (several seconds on a loaded 2-core CI machine),
// so the page sees the job move.
const STEP_MS = 2000;
const QUERY_EDITOR = '.graphiql-query-editor .monaco-editor';
// The variables or headers editor, whichever is shown.
const TOOL_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor';
const RESPONSE_EDITOR = '.graphiql-response .monaco-editor';
const EXECUTE_BUTTON = '.graphiql-execute-button';
const WAIT_MS = 20_000;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

let assetsDir: string | undefined;
let browser: ChromiumSession | undefined;

beforeAll(async () => {
  assetsDir = await mkdtemp(path.join(tmpdir(), 'pi-gateway-explorer-'));
  // Both take seconds; settle both so a failure of one never leaves the other running.
  const [launched, built] = await Promise.allSettled([
    // Wide enough for the README screenshot to show the explorer, the operation and the result.
    launchChromium({ viewport: { width: 1600, height: 900 } }),
    buildExplorer(assetsDir),
  ]);
  if (launched.status === 'fulfilled') browser = launched.value;
  else throw launched.reason;
  if (built.status === 'rejected') throw built.reason;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (assetsDir) await rm(assetsDir, { recursive: true, force: true });
});

describe('the explorer served by the gateway in embedded-simulator mode', () => {
  let gateway: RunningGateway | undefined;
  let demoKey: string;
  let watched: WatchedPage | undefined;
  let page: Page;
  let sockets: RecordedSocket[];
  let jobId: string | undefined;
  let brandId: string | undefined;

  beforeAll(async () => {
    gateway = await startGateway(
      {
        ...loadConfig({ NODE_ENV: 'development' }),
        port: 0,
        host: '127.0.0.1',
        simStepMs: STEP_MS,
      },
      { explorerAssetsDir: assetsDir },
    );
    if (!gateway.demoKey || !gateway.explorerUrl)
      throw new Error('No embedded simulator or explorer.');
    demoKey = gateway.demoKey;
    watched = await browser!.openPage();
    page = watched.page;
    sockets = recordWebSockets(page);
    const introspected = page.waitForResponse(
      (response) => response.url() === gateway?.url && response.request().method() === 'POST',
    );
    await page.goto(gateway.explorerUrl);
    await page.locator(QUERY_EDITOR).waitFor({ timeout: WAIT_MS });
    // The page has settled once it has introspected the schema (its first POST).
    await introspected;
  }, 60_000);

  afterAll(async () => {
    // The page first: a worker script still loading must not be cut off by the server.
    await watched?.page.close();
    await gateway?.stop();
  });

  it('should load at /graphiql from the gateway alone, with the quickstart tabs and the demo key', async () => {
    for (const name of ['ExtractBrand', 'WatchJob', 'ReadBrand', 'GenerateImage']) {
      await page.getByRole('tab', { name }).waitFor({ timeout: WAIT_MS });
    }
    expect(await page.title()).toBe('Pi GraphQL Gateway');
    expect(await editorText(page, QUERY_EDITOR)).toContain(
      'extractBrand(input: { url: "https://example.com" })',
    );
    expect(await editorText(page, TOOL_EDITOR)).toContain(`"Authorization": "Bearer ${demoKey}"`);
    // The gateway wants a credential for introspection too: the schema loaded with the demo key.
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    await expect
      .poll(() => page.locator('.graphiql-plugin').innerText(), { timeout: WAIT_MS })
      .toContain('extractBrand');
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'explorer-quickstart');

    expect(browser?.blockedRequests).toEqual([]);
    expect(watched?.failedRequests).toEqual([]);
    expect(watched?.consoleErrors).toEqual([]);
  });

  it('should serve the same page to a browser opening GET /graphql, with no failed request', async () => {
    const other = await browser!.openPage();
    try {
      const introspected = other.page.waitForResponse(
        (response) => response.url() === gateway?.url && response.request().method() === 'POST',
      );
      const response = await other.page.goto(gateway!.url);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
      expect(response?.headers().vary).toBe('Accept');
      await other.page.locator(QUERY_EDITOR).waitFor({ timeout: WAIT_MS });
      expect((await introspected).status()).toBe(200);
      expect(await other.page.title()).toBe('Pi GraphQL Gateway');
      expect(other.failedRequests).toEqual([]);
      expect(other.consoleErrors).toEqual([]);
      expect(browser?.blockedRequests).toEqual([]);
    } finally {
      await other.page.close();
    }
  });

  it('should run a query typed in a new tab, which carries the demo key, and show its result', async () => {
    await page.getByRole('button', { name: 'New tab' }).click();
    await expect.poll(() => editorText(page, TOOL_EDITOR)).toContain(`Bearer ${demoKey}`);
    await typeQuery(page, 'query FirstBrands { brands(first: 5) { totalCount } }', 'FirstBrands');
    await page.keyboard.press('ControlOrMeta+Enter');

    await waitForEditorText(page, RESPONSE_EDITOR, '"totalCount":');
    expect(await editorText(page, RESPONSE_EDITOR)).not.toContain('"errors"');
    await saveScreenshot(page, 'explorer-query');
    // Monaco ran its workers from the gateway (it would fall back to the main thread silently).
    await expect
      .poll(() => requestedWorkers(watched!), { timeout: WAIT_MS })
      .toEqual(['editor', 'graphql', 'json']);
    expect(browser?.blockedRequests).toEqual([]);
    expect(watched?.failedRequests).toEqual([]);
    expect(watched?.consoleErrors).toEqual([]);
  });

  it('should extract a brand from the first quickstart tab', async () => {
    await page.getByRole('tab', { name: 'ExtractBrand' }).click();
    await page.locator(EXECUTE_BUTTON).click();

    await waitForEditorText(page, RESPONSE_EDITOR, '"status": "QUEUED"');
    const match = new RegExp(`"job": \\{ "id": "(${UUID})"`).exec(
      await editorText(page, RESPONSE_EDITOR),
    );
    jobId = match?.[1];
    expect(jobId).toBeDefined();
  });

  it('should show the jobUpdated subscription of the second tab moving to COMPLETED', async () => {
    if (!jobId) throw new Error('The extraction test found no job id.');
    await page.getByRole('tab', { name: 'WatchJob' }).click();
    await setVariables(page, { id: jobId });
    // The editors keep the horizontal scroll of the long line typed in another tab.
    await scrollToStart(page, QUERY_EDITOR);
    await page.locator(EXECUTE_BUTTON).click();
    await page.mouse.move(0, 0);

    await waitForEditorText(page, RESPONSE_EDITOR, '"status": "PROCESSING"');
    await saveScreenshot(page, 'explorer-subscription-live');
    await waitForEditorText(page, RESPONSE_EDITOR, '"status": "COMPLETED"');
    await saveScreenshot(page, 'explorer-subscription-completed');

    const response = await editorText(page, RESPONSE_EDITOR);
    expect(response).toContain(`"id": "${jobId}"`);
    brandId = new RegExp(`"brand": \\{ "id": "(${UUID})"`).exec(response)?.[1];
    expect(brandId).toBeDefined();
    // Over one same-origin socket, with the headers editor as the connection params, the job
    // went through its processing phases to COMPLETED, and the socket closed after it.
    const socket = sockets.at(-1);
    expect(socket?.url).toBe(gateway!.url.replace(/^http:/, 'ws:'));
    expect(socket?.sent[0]).toEqual({
      type: 'connection_init',
      payload: { Authorization: `Bearer ${demoKey}` },
    });
    const states = jobStates(socket!);
    expect(states.at(-1)).toEqual({ status: 'COMPLETED', phase: 'completed' });
    expect(states.filter((state) => state.status === 'PROCESSING').length).toBeGreaterThan(0);
    await expect.poll(() => socket?.closed, { timeout: WAIT_MS }).toBe(true);
    expect(watched?.failedRequests).toEqual([]);
    expect(watched?.consoleErrors).toEqual([]);
  });

  it('should read the extracted brand from the third tab', async () => {
    if (!brandId) throw new Error('The subscription test found no brand id.');
    await page.getByRole('tab', { name: 'ReadBrand' }).click();
    await setVariables(page, { brandId });
    // The tab holds two operations: the run button asks which.
    await page.locator(EXECUTE_BUTTON).click();
    await page.getByRole('menuitem', { name: 'ReadBrand' }).click();

    await waitForEditorText(page, RESPONSE_EDITOR, `"id": "${brandId}"`);
    expect(await editorText(page, RESPONSE_EDITOR)).toContain('"name": "example.com"');
    expect(await editorText(page, RESPONSE_EDITOR)).not.toContain('"errors"');
  });

  it('should start an image generation from the fourth tab and stop its subscription from the page', async () => {
    if (!brandId) throw new Error('The subscription test found no brand id.');
    await page.getByRole('tab', { name: 'GenerateImage' }).click();
    await setVariables(page, { brandId });
    await page.locator(EXECUTE_BUTTON).click();
    await waitForEditorText(page, RESPONSE_EDITOR, '"status": "QUEUED"');
    const imageJobId = new RegExp(`"job": \\{ "id": "(${UUID})"`).exec(
      await editorText(page, RESPONSE_EDITOR),
    )?.[1];
    expect(imageJobId).toBeDefined();

    const opened = sockets.length;
    await page.getByRole('tab', { name: 'WatchJob' }).click();
    await setVariables(page, { id: imageJobId });
    await page.locator(EXECUTE_BUTTON).click();
    await expect.poll(() => sockets.length, { timeout: WAIT_MS }).toBe(opened + 1);
    await waitForEditorText(page, RESPONSE_EDITOR, `"id": "${imageJobId}"`);
    // While it runs, the same button stops it, and the page closes its socket.
    await page.locator(EXECUTE_BUTTON).click();
    const socket = sockets.at(-1)!;
    await expect.poll(() => socket.closed, { timeout: WAIT_MS }).toBe(true);
    expect(socket.sent.map((message) => message.type)).toContain('complete');
    expect(jobStates(socket).map((state) => state.status)).not.toContain('COMPLETED');
    expect(watched?.failedRequests).toEqual([]);
    expect(watched?.consoleErrors).toEqual([]);
  });
});

describe('the test browser', () => {
  it('should abort a request to a non-loopback host and record it', async () => {
    const { page } = await browser!.openPage();
    try {
      const outcome = await page.evaluate(async () =>
        fetch('http://example.com/').then(
          () => 'loaded',
          () => 'failed',
        ),
      );
      expect(outcome).toBe('failed');
      expect(browser?.blockedRequests).toContain('http://example.com/');
    } finally {
      await page.close();
    }
  });
});

/** A graphql-ws message as sent or received by the page. */
interface WsMessage {
  type: string;
  payload?: unknown;
}

/** What one WebSocket of the page carried, recorded as it happens. */
interface RecordedSocket {
  url: string;
  sent: WsMessage[];
  received: WsMessage[];
  closed: boolean;
}

function recordWebSockets(page: Page): RecordedSocket[] {
  const sockets: RecordedSocket[] = [];
  page.on('websocket', (socket: PageWebSocket) => {
    const recorded: RecordedSocket = { url: socket.url(), sent: [], received: [], closed: false };
    sockets.push(recorded);
    const parse = (payload: string | Buffer): WsMessage =>
      JSON.parse(payload.toString()) as WsMessage;
    socket.on('framesent', ({ payload }) => recorded.sent.push(parse(payload)));
    socket.on('framereceived', ({ payload }) => recorded.received.push(parse(payload)));
    socket.on('close', () => {
      recorded.closed = true;
    });
  });
  return sockets;
}

/** The `jobUpdated` states a socket received, in order. */
function jobStates(socket: RecordedSocket): Array<{ status: unknown; phase: unknown }> {
  return socket.received
    .filter((message) => message.type === 'next')
    .map((message) => {
      const job = (message.payload as { data?: { jobUpdated?: Record<string, unknown> } }).data
        ?.jobUpdated;
      return { status: job?.status, phase: job?.phase };
    });
}

/** Replaces the operation editor's text by typing it, and waits until GraphiQL has parsed it. */
async function typeQuery(page: Page, query: string, operationName: string): Promise<void> {
  await page.locator(`${QUERY_EDITOR} .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  // Key by key: Monaco closes brackets and quotes itself and types over its own closers.
  await page.keyboard.type(query);
  expect(await editorText(page, QUERY_EDITOR)).toBe(query);
  // GraphiQL parses an edit 100 ms after the last key; the tab takes the operation's name then.
  await page.getByRole('tab', { name: operationName }).waitFor({ timeout: WAIT_MS });
}

/** Replaces the active tab's variables with `variables`, as a user pasting them would. */
async function setVariables(page: Page, variables: Record<string, unknown>): Promise<void> {
  await page.getByRole('button', { name: 'Variables', exact: true }).click();
  await page.locator(`${TOOL_EDITOR} .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // Key by key, like typeQuery: Monaco types over the closing quotes and braces it added.
  const text = JSON.stringify(variables);
  await page.keyboard.type(text);
  // Monaco renders its lines on the next animation frame.
  await expect.poll(() => editorText(page, TOOL_EDITOR), { timeout: WAIT_MS }).toBe(text);
  await page.keyboard.press('Home');
}

/** Puts the cursor at the start of `editor`, which scrolls it back to its first column. */
async function scrollToStart(page: Page, editor: string): Promise<void> {
  await page.locator(`${editor} .view-lines`).click();
  await page.keyboard.press('ControlOrMeta+Home');
}

/** The Monaco worker labels whose scripts the browser fetched from the explorer's assets. */
function requestedWorkers(watched: WatchedPage): string[] {
  const labels = watched.requests.map(
    (url) => /\/explorer-assets\/workers\/(\w+)\.worker-/.exec(url)?.[1],
  );
  return [...new Set(labels.filter((label) => label !== undefined))].sort();
}

/**
 * The text of the Monaco `editor` with every run of white space as one space: Monaco renders
 * spaces as non-breaking ones and wraps long lines in a narrow pane.
 */
async function editorText(page: Page, editor: string): Promise<string> {
  const text = await page.locator(`${editor} .view-lines`).innerText();
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

async function waitForEditorText(page: Page, editor: string, expected: string): Promise<void> {
  await expect.poll(() => editorText(page, editor), { timeout: WAIT_MS }).toContain(expected);
}
