/** The top of a new `BENCHMARKS.md`; the sections below it are written by `npm run bench`. */
export const REPORT_HEADER = `
# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`). Each section below is one benchmark; a run replaces
the sections it ran (between their \`<!-- bench:… -->\` markers) and keeps the others, so every
section carries its own date, machine, versions and command.

- \`npm run bench\`: every section (about 8 minutes on 2 cores);
  \`npm run bench -- --only http,subscriptions\` runs some; with \`--dry-run\` the sections go to
  \`bench/out/report-preview.md\` only (raw figures and profiles are in \`bench/out/\` after every
  run). See \`bench/run.ts\` for the options.
- \`npm run bench -- --quick\`: a short version for CI that checks upstream call counts and the
  long-poll bound (not speed), exits 1 when one is wrong, and does not write this file.

How to read: every server under test, the simulator and the load generator run in separate
processes on the same machine, so on a small machine they compete for the same cores. Compare the
rows of one table with each other (the ratios do that); the absolute figures say what this machine
did during that run, with the load average shown, not what a production deployment does.
`;

/** How to read the HTTP section. */
export const HTTP_NOTES = `
How to read:
- **(a) gateway**: this repository's gateway, started by \`startGateway(loadConfig(env))\` like
  \`npm start\`. **(b) naive gateway** (\`bench/naive-gateway.ts\`): Apollo Server standalone with
  one REST call per resolver, no planner, no loaders, no dedupe. **(c) direct REST**
  (\`bench/rest-client.ts\`): the fewest Pi calls for the same data (Q1: 20 ×
  \`GET /jobs/:id?expand=brand&fields=id,status\`; Q2: \`GET /brands?limit=20&fields=name\`), behind
  a bare \`node:http\` endpoint (\`bench/rest-endpoint.ts\`) so the load generator drives all three the
  same way. All three answer the same data (checked before measuring) and run with
  \`NODE_ENV=production\` in their environment.
- All three reach Pi through the same undici \`Pool\` of 64 keep-alive connections (the gateway's
  \`PI_CONNECTIONS\`) with a counting interceptor (\`bench/counting-dispatcher.ts\`): upstream calls
  and response body bytes; the simulator's own request count cross-checks the calls.
- **alone**: one operation with nothing else running. **under load**: upstream traffic during the
  loaded run divided by the operations answered. Figures in parentheses are ratios to (c).
- Latency is each response's own time as the load generator (autocannon, in its own process) saw
  it. The loaded runs include queueing; the one-connection runs show what an operation costs when
  nothing waits.
- Processes: simulator, server under test, load generator (plus the idle runner). The simulator
  does real work for every upstream call (Q1 is 20 job reads with the full brand expanded), so the
  targets that call it more also slow it down for themselves.
`;

/** How to read the subscription section. */
export const SUBSCRIPTION_NOTES = `
How to read:
- One gateway process (\`--expose-gc\`), one simulator process and one load process (real
  \`graphql-ws\` clients over \`ws\`), subscriber i watching job i mod J with
  \`jobUpdated(id) { id status phase progress updatedAt }\`, 100 subscriptions per socket. At
  most 4 sockets are being set up at a time (a socket is set up once its 100 subscriptions have
  their first event): opened all at once, the burst of 10,000 \`subscribe\` messages kept the
  gateway busy past graphql-ws' 3 s \`connection_init\` timeout and some sockets were closed with
  4408.
- The jobs are *held* (\`bench/held-job-routes.ts\`, simulator extras): they stay \`processing\`
  until the bench releases them, so thousands of subscriptions can be set up first.
- **upstream req/s** (\`GET /jobs/:id\` only) and **long-polls in flight**: \`GET /_sim/stats\` over
  the steady window (all subscriptions open, nothing changing), three long-poll periods long. Each
  watcher long-polls with \`SUBSCRIPTION_POLL_TIMEOUT_S\` = 5, so J jobs should cost about J / 5
  requests per second whatever S is. The watchers long-poll on the gateway's second pool
  (\`PI_LONG_POLL_CONNECTIONS\`, 256), counted together with the query pool. **Q2 during steady**: \`brands(first: 20)\` sent to the gateway
  at most 4 times a second during that window, one at a time: what a query costs meanwhile.
- **heap/sub**, **RSS/sub**: the gateway's \`process.memoryUsage()\` after two full GCs with the S
  subscriptions open, minus the same before them, divided by S (sockets, graphql-ws operations,
  streams and watchers included). RSS also holds memory the heap has freed but not returned, so it
  is the noisier of the two.
- The first scenario runs three times; the targets take the median of its runs, whose fan-out
  p99 varies with the garbage collection that falls in it (**GC pauses, fan-out**: the gateway's
  GC pause time from the release to the last event, from \`PerformanceObserver\` \`gc\` entries).
  **CPU/event**: the gateway's CPU time over the same span divided by the terminal events
  delivered, what one subscriber's event costs; at 100 % CPU the gateway delivers at most
  1 s / CPU-per-event events a second, and events released faster than that queue.
- **fan-out**: from the moment the simulator applies \`completed\` to a job (recorded by the held
  job's step) to the moment each client receives that event, both read in their own process from
  the wall clock at sub-millisecond resolution (\`bench/wall-clock.ts\`, within about 1 ms).
- Each gateway process first runs a small unreported round (100 subscriptions over 2 jobs).
`;

/** How to read the simulator section. */
export const SIMULATOR_NOTES = `
How to read: the simulator alone (\`GET /api/v1/jobs/:id\` of brand extraction jobs, no expansion)
from the load process; **CPU/request** is the simulator process's CPU time divided by the requests
answered, a figure that holds up better than requests/s on a shared machine. \`npx tsx
bench/simulator.ts\` runs the same measurement on its own.
`;
