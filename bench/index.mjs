// Benchmark of the cross-file workspace index (core/src/workspace), not a test.
//
// Generates a multi-tenant workspace of N files (default 1,000) of about 500 lines each: per
// tenant a tenant file, monitoring, Slack receivers, notification rules, alert templates,
// localization, security policy, access control and two environment files (some JSON), all
// cross-referencing each other, plus platform-wide Alertmanager, Prometheus and monitoring files.
// Then measures, on the core bundled the way the server ships it (esbuild, yaml's env lookup folded):
//   1. cold indexing: as the server's start-up scan (files read from disk, parsed by the pool of
//      workers of server/src/indexPool.ts, facts indexed in order), and in-process (parseText +
//      update of every file); time, memory, and that both give the same problems;
//   2. problemsFor of every file (a full workspace check);
//   3. edits: parseText + update of one file + problemsFor of the file and of its dependents,
//      for edits that touch tenant-scoped, global and platform-wide names.
// Targets: cold ≤ 5 s and ≤ 300 MB; each edit ≤ 100 ms.
//
//   node bench/index.mjs [--files 1000] [--lines 500] [--runs 3] [--unbundled] [--json] [--dump]
//
// The machine's load average is printed with the results: on a shared machine, compare runs
// made at a similar load (the best of --runs cold runs is reported).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const workDir = path.join(here, '.work');
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const FILES = Number(opt('--files', 1000));
const RUNS = Math.max(1, Number(opt('--runs', 3)));
const LINES = Number(opt('--lines', 500));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

// ---------------------------------------------------------------------------------------------
// The core, bundled like dist/server.js (or the tsc output with --unbundled)

async function loadCore() {
  if (argv.includes('--unbundled')) {
    const ls = require(path.join(repoRoot, 'out/core/src/languageService.js'));
    const ws = require(path.join(repoRoot, 'out/core/src/workspace/index.js'));
    return { parseText: ls.parseText, createWorkspaceIndex: ws.createWorkspaceIndex, how: 'tsc output (out/core)' };
  }
  const esbuild = require('esbuild');
  fs.mkdirSync(workDir, { recursive: true });
  const outfile = path.join(workDir, 'workspace-index.cjs');
  const yamlNoEnvLookup = {
    name: 'yaml-no-env-lookup',
    setup(build) {
      build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/ }, async (args) => ({
        contents: fs.readFileSync(args.path, 'utf8').replace(/node_process\.env\.LOG_TOKENS/g, 'undefined'),
        loader: 'js',
      }));
    },
  };
  await esbuild.build({
    stdin: { contents: "export { parseText } from './core/src/languageService';\nexport { createWorkspaceIndex } from './core/src/workspace/index';\nexport { IndexPool, poolSize } from './server/src/indexPool';\n", resolveDir: repoRoot, loader: 'ts' },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning', plugins: [yamlNoEnvLookup], mainFields: ['module', 'main'],
  });
  // The server's start-up scan reads files in a pool of workers (server/src/indexPool.ts).
  const workerFile = path.join(workDir, 'indexWorker.cjs');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'server/src/indexWorker.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: workerFile, logLevel: 'warning', plugins: [yamlNoEnvLookup], mainFields: ['module', 'main'],
  });
  const m = require(outfile);
  return { parseText: m.parseText, createWorkspaceIndex: m.createWorkspaceIndex, IndexPool: m.IndexPool, poolSize: m.poolSize, workerFile, how: 'esbuild bundle (as dist/server.js)' };
}

// ---------------------------------------------------------------------------------------------
// Workspace generator (deterministic)

const LOCALES = ['en', 'fr', 'de'];
const ENVS = ['production', 'staging', 'development', 'test'];
const range = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');

/** Blocks appended until the text has about `lines` lines. */
function pad(text, lines, block) {
  let out = text;
  for (let i = 0; out.split('\n').length < lines && i < 10000; i++) out += block(i);
  return out;
}

// Each kind is written like the files in examples/ (block style, comments, some flow maps),
// with about the same density of names, and scaled to ~`lines` lines by repeating list items.
function tenantFiles(t, lines) {
  const id = `tenant-${t}`;
  const recv = (i) => `${id}-recv-${i}`;
  const files = {};
  const env = (e, i) => `  ${e}:
    enabled: true
    database:
      engine: postgresql
      host: pg-${i}.${e}.eu-west-1.platform.internal
      port: 5432
      name: platform_${e}
      # schema-per-tenant isolation: never "public"
      schema: tenant_${t}
      user: ${id.replace('-', '_')}_app
      password: { vault: "secret/data/${id}/${e}/db#password" }
      ssl_mode: verify-full
      pool:
        min: 4
        max: 20
        timeout: 30s
        idle_timeout: 10m
    cache:
      host: redis.${e}.eu-west-1.platform.internal
      port: 6379
      db: 0
      key_prefix: "${id}:"
      ttl: 1h
      password: "\${TENANT_${t}_REDIS_PASSWORD}"
      tls: true
      pool: { min: 2, max: 50, timeout: 5s }
    storage:
      provider: s3
      bucket: ${id}-${e}-files
      region: eu-west-1
      prefix: tenants/${id}/
      encryption:
        enabled: true
        algorithm: "aws:kms"
        kms_key_id: arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a8b-9c0d-${String(t).padStart(12, '0')}
    ai_features:
      enabled: true
      models: [recsys-embed-v3, playlist-gen-2]
      rate_limits:
        requests_per_minute: 1200
        tokens_per_minute: 400000
        burst: 60
        concurrent_requests: 32
    quotas:
      max_users: ${250000 + i}
      storage_gb: 2048
      api_calls_per_day: 50000000
      max_projects: 200
    debug: false
    log_level: info
`;
  files[`${id}/${id}.tenant.yaml`] = pad(`# Tenant ${t}. Owner: onboarding ticket PLAT-${1000 + t}.
schema_version: "1"
tenant_id: ${id}
metadata:
  name: Tenant ${t}
  description: Generated tenant number ${t} for the workspace index benchmark.
  owner:
    user_id: usr_${t}abc
    email: sre-lead@${id}.example.com
    name: Owner ${t}
  tags: [b2c, eu, generated]
  created_at: "2025-03-14T09:30:00Z"
environments:
${ENVS.map(env).join('\n')}
isolation:
  strategy: schema
  encryption_per_tenant: true
  network_isolation: true
  cross_tenant_access: deny
access_control:
  admins:
    - sre-lead@${id}.example.com
  roles:
    - name: tenant-admin
      permissions: ["*:*"]
    - name: analyst
      permissions: ["reports:read", "dashboards:read"]
  ip_allowlist:
`, lines, (i) => `    - 10.${t % 250}.${i % 250}.0/24   # office ${i}\n`);

  files[`${id}/${id}.slack.yaml`] = pad(`# Slack receivers of ${id}. Webhook URLs come from the deploy environment.
schema_version: "1"
tenant_id: ${id}
defaults:
  api_url: "\${TENANT_${t}_SLACK_WEBHOOK_URL}"
  username: Tenant ${t} Alerts
  icon_emoji: ":rotating_light:"
  send_resolved: true
  locale: en
receivers:
`, lines, (i) => `  - name: ${recv(i)}
    description: Receiver ${i} of ${id}, read by the on-call engineer.
    slack_configs:
      - channel: "#${id}-alerts-${i}"
        title: '{{ template "${id}.slack.title" . }}'
        text: '{{ template "${id}.slack.text" . }}'
        color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}'
        alert_template: ${id}.t${i % 25}
        locale: ${LOCALES[i % 3]}
        link_names: true
`);

  const rules = [];
  for (let i = 0; rules.length * 31 < lines; i++) {
    rules.push({
      name: `${id}-rule-${i}`,
      description: `Rule ${i}: escalate if nobody acknowledges within 15 minutes.`,
      matchers: [`tenant="${id}"`, `severity="${i % 2 ? 'warning' : 'critical'}"`, `team="team-${i % 5}"`],
      channels: ['slack'],
      receiver_ref: recv(i),
      template: `${id}.t${i % 25}`,
      locale: LOCALES[i % 3],
      repeat_interval: '1h',
      mute_time_intervals: ['outside-business-hours'],
      escalation: [{ after: '15m', channel: 'pagerduty', receiver_ref: `${id}-pagerduty` }, { after: '45m', channel: 'email', receiver_ref: `${id}-management` }],
    });
  }
  files[`${id}/${id}.notifications.json`] = JSON.stringify({ schema_version: '1', tenant_id: id, defaults: { locale: 'en', template: 'platform.default', repeat_interval: '4h' }, rules }, null, 2);

  files[`${id}/${id}.monitoring.yaml`] = pad(`# Monitoring of ${id}: scrape jobs, routing, dashboards.
schema_version: "1"
tenant_id: ${id}
alertmanager:
  route:
    receiver: ${id}-default
    group_by: [alertname, tenant, env]
    group_wait: 30s
    routes:
${range(12, (i) => `      - receiver: ${recv(i)}
        matchers: ['team="team-${i}"']
        group_wait: 10s
        mute_time_intervals: [outside-business-hours]
`)}  receivers:
    - name: ${id}-default
      email_configs:
        - to: sre-lead@${id}.example.com
    - name: ${id}-management
      email_configs:
        - to: [cto@${id}.example.com]
    - name: ${id}-pagerduty
      pagerduty_configs:
        - routing_key: { vault: "secret/data/${id}/pagerduty#routing_key" }
          severity: critical
  time_intervals:
    - name: outside-business-hours
      time_intervals:
        - weekdays: ["monday:friday"]
          times:
            - { start_time: "00:00", end_time: "08:30" }
          location: Europe/Paris
grafana:
  dashboards:
    - uid: ${id}-overview
      title: Tenant ${t} / overview
      panels:
        - id: 1
          title: Requests per second
          type: timeseries
          gridPos: { x: 0, y: 0, w: 12, h: 8 }
          targets:
            - refId: A
              expr: sum by (code) (rate(http_requests_total{tenant="${id}"}[5m]))
prometheus:
  global:
    scrape_interval: 30s
  scrape_configs:
`, lines, (i) => `    - job_name: ${id}-job-${i}
      scrape_interval: 15s
      metrics_path: /metrics
      scheme: https
      tls_config:
        min_version: "1.2"
        ca_file: /etc/prometheus/ca/platform-ca.pem
      static_configs:
        - targets:
            - api-${i}.${id}.svc.platform.internal:8443
          labels: { tenant: ${id}, env: production, service: api-${i} }
`);

  files[`${id}/${id}.alert-templates.yaml`] = pad(`# Notification templates of ${id}.
schema_version: "1"
tenant_id: ${id}
default_locale: en
defines:
  ${id}.slack.title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.env }})'
  ${id}.slack.text: |-
    {{ range .Alerts }}*{{ .Annotations.summary }}*
    {{ if .Annotations.runbook_url }}Runbook: {{ .Annotations.runbook_url }}{{ end }}
    {{ end }}
templates:
`, lines, (i) => `  ${id}.t${i}:\n` + LOCALES.map((l) => `    ${l}:
      title: '[{{ .Status | toUpper }}] Incident {{ .CommonLabels.alertname }} (${l})'
      body: |-
        {{ range .Alerts }}• {{ .Annotations.summary }} (for {{ .StartsAt | since | humanizeDuration }})
        {{ end }}On-call: reply in #${id}-incidents.
`).join(''));

  files[`${id}/${id}.localization.yaml`] = `# Locales of ${id}.
schema_version: "1"
tenant_id: ${id}
default_locale: en
supported_locales: [${LOCALES.join(', ')}]
date_format_dialect: ldml
locales:
` + LOCALES.map((l) => pad(`  ${l}:
    direction: ltr
    date_format: dd/MM/y
    time_format: HH:mm
    first_day_of_week: monday
    timezone: Europe/Paris
    number: { decimal_separator: ",", thousands_separator: ".", grouping: [3] }
    currency: { code: EUR, symbol: "€", position: after, space: true }
    pluralization: { rules: cldr }
    messages:
`, Math.floor(lines / 3), (i) => i % 3 ? `      screen${i}.title: Screen ${i} (${l})\n` : `      queue${i}.count: "{count, plural, one {# track} other {# tracks}} in {name} (${l})"\n`)).join('');

  files[`${id}/${id}.security.yaml`] = pad(`# Security policy of ${id}.
schema_version: "1"
tenant_id: ${id}
authentication:
  providers:
    - name: okta
      type: oidc
      config:
        client_id: 0oa8f3k2m1T${t}
        client_secret: { vault: "secret/data/${id}/oidc#client_secret" }
        issuer: https://${id}.okta.com/oauth2/default
        scopes: [openid, profile, email, groups]
        redirect_uris:
          - https://app.${id}.example.com/auth/callback
        pkce: true
  session:
    idle_timeout: 30m
    absolute_timeout: 12h
mfa:
  required: true
  required_for_roles: [tenant-admin, role-1]
  methods: [webauthn, totp]
encryption:
  at_rest:
    enabled: true
    algorithm: AES-256-GCM
  in_transit:
    min_tls_version: "1.2"
audit:
  enabled: true
  retention_days: 400
authorization:
  model: rbac
  rbac:
    roles:
      - name: tenant-admin
        description: Full control of the tenant. Break-glass only.
        permissions: ["*:*"]
${range(20, (i) => `      - name: role-${i}
        description: Generated role ${i}.
        inherits: [${i ? `role-${i - 1}` : 'tenant-admin'}]
        permissions: ["area${i}:read", "area${i}:write"]
`)}    bindings:
`, lines, (i) => `      - role: role-${i % 20}
        subjects: ["group:${id}-group-${i}"]
`);

  files[`${id}/${id}.access.json`] = JSON.stringify({
    schema_version: '1', tenant_id: id, admins: [`sre-lead@${id}.example.com`],
    roles: Array.from({ length: 20 }, (_, i) => ({ name: `role-${i}`, description: `Generated role ${i}.`, ...(i ? { inherits: [`role-${i - 1}`] } : {}), permissions: [`area${i}:read`] })),
    bindings: Array.from({ length: 40 }, (_, i) => ({ role: `role-${i % 20}`, subjects: [`group:${id}-g${i}`] })),
    ip_allowlist: ['203.0.113.0/24'], sso_required: true, mfa_required_for_roles: ['role-0'],
    api_keys: Array.from({ length: 10 }, (_, i) => ({ name: `key-${i}`, role: `role-${i}`, expires_at: '2026-12-31' })),
  }, null, 2);

  for (const e of ['production', 'staging']) {
    files[`${id}/${id}-${e}.environment.yaml`] = pad(`# ${id} ${e} infrastructure.
schema_version: "1"
tenant_id: ${id}
environment: ${e}
region: eu-west-1
autoscaling:
  enabled: true
  min_replicas: 3
  max_replicas: 24
  cpu:
    target_utilization: 65
  scale_up_cooldown: 1m
  scale_down_cooldown: 10m
load_balancing:
  type: application
  listeners:
    - port: 443
      protocol: https
      certificate_ref: arn:aws:acm:eu-west-1:123456789012:certificate/${t}
  health_check:
    path: /healthz
    interval: 15s
    timeout: 5s
networking:
  vpc:
    cidr_block: 10.${t % 250}.0.0/16
  subnets:
${range(16, (i) => `    - { name: subnet-${i}, cidr: 10.${t % 250}.${i}.0/24, availability_zone: eu-west-1a, type: private }\n`)}databases:
  - name: ${id}-analytics
    engine: postgresql
    version: "16"
    storage_gb: 500
    multi_az: true
    backup:
      retention_days: 14
      window: "02:00-03:00"
messaging:
  provider: sqs
  queues:
`, lines, (i) => `    - name: ${id}-jobs-${i}
      visibility_timeout: 5m
      message_retention: 4d
      dead_letter:
        enabled: true
        target_queue: ${id}-jobs-${i}-dlq
        max_receive_count: 5
    - name: ${id}-jobs-${i}-dlq
      message_retention: 14d
`);
  }
  return files;
}

function platformFiles(tenants, lines) {
  return {
    'platform/alertmanager.yml': pad(`# Platform Alertmanager.
global:
  resolve_timeout: 5m
  smtp_smarthost: smtp.platform.example.com:587
receivers:
  - name: platform-default
    email_configs:
      - to: platform-sre@platform.example.com
time_intervals:
  - name: platform-maintenance
    time_intervals:
      - weekdays: [tuesday]
route:
  receiver: platform-default
  routes:
`, lines, (i) => `    - receiver: tenant-${i % tenants}-pagerduty
      matchers: ['tenant="tenant-${i % tenants}"']
      mute_time_intervals: [platform-maintenance]
`),
    'platform/platform.monitoring.yaml': `# Platform-wide templates, the fallback of every tenant.
schema_version: "1"
alert_templates:
  platform.default:
${LOCALES.map((l) => `    ${l}:\n      title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}'\n      body: '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}'\n`).join('')}`,
    'platform/prometheus.yml': pad('# Platform Prometheus.\nglobal:\n  scrape_interval: 30s\nscrape_configs:\n', lines, (i) => `  - job_name: platform-${i}\n    static_configs:\n      - targets: [node-${i}.platform.internal:9100]\n`),
  };
}

function generateWorkspace(nFiles, lines) {
  const files = {};
  const tenants = Math.max(1, Math.ceil((nFiles - 3) / 10));
  Object.assign(files, platformFiles(tenants, lines));
  for (let t = 0; Object.keys(files).length < nFiles; t++) {
    for (const [k, v] of Object.entries(tenantFiles(t, lines))) if (Object.keys(files).length < nFiles) files[k] = v;
  }
  return files;
}

const KIND = [
  [/\.tenant\.(ya?ml|json)$/, 'tenant'], [/\.slack\.(ya?ml|json)$/, 'slack-receivers'], [/\.notifications\.(ya?ml|json)$/, 'notification-rules'],
  [/\.monitoring\.(ya?ml|json)$/, 'monitoring'], [/\.alert-templates\.(ya?ml|json)$/, 'alert-templates'], [/\.localization\.(ya?ml|json)$/, 'localization'],
  [/\.security\.(ya?ml|json)$/, 'security-policy'], [/\.access\.(ya?ml|json)$/, 'access-control'], [/\.environment\.(ya?ml|json)$/, 'environment'],
  [/alertmanager\.ya?ml$/, 'alertmanager'], [/prometheus\.ya?ml$/, 'prometheus'],
];
const kindOf = (name) => KIND.find(([re]) => re.test(name))?.[1];
const uriOf = (name) => `file:///bench/${name}`;
const formatOf = (name) => (name.endsWith('.json') ? 'json' : 'yaml');

// ---------------------------------------------------------------------------------------------
// Measurements

const mb = (n) => `${(n / 1048576).toFixed(0)} MB`;
const ms = (n) => `${n.toFixed(1)} ms`;

/** The start-up scan alone, in this (fresh) process: `--scan-child <dir>`; prints JSON. */
async function scanChild(dir) {
  const core = await loadCore();
  const names = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else names.push(r);
    }
  };
  walk('');
  names.sort();
  const runs = [];
  let rssPeak = 0;
  let index;
  let workers = 0;
  for (let run = 0; run < RUNS; run++) {
    index = undefined;
    gc();
    const t0 = performance.now();
    index = core.createWorkspaceIndex();
    const pool = new core.IndexPool(core.workerFile, core.poolSize());
    workers = pool.size;
    // Files read as the pool asks for them, as the server's scan does.
    const jobs = function* () {
      for (const [i, n] of names.entries()) {
        if (i % 50 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        yield { uri: uriOf(n), kind: kindOf(n), text: fs.readFileSync(path.join(dir, n), 'utf8'), format: formatOf(n) };
      }
    };
    await pool.indexInOrder(jobs(), (facts) => index.updateFacts(facts, { dependents: false }));
    runs.push(performance.now() - t0);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    await pool.close();
  }
  const counts = {};
  for (const n of names) for (const p of index.problemsFor(uriOf(n))) counts[p.code] = (counts[p.code] ?? 0) + 1;
  console.log(JSON.stringify({ runs: runs.sort((a, b) => a - b), workers, counts, rssPeak }));
}

async function main() {
  if (argv.includes('--scan-child')) return scanChild(opt('--scan-child'));
  if (argv.includes('--dump')) {
    // The generated workspace as one JSON file (name → text), to inspect it or profile without the bench.
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(path.join(workDir, 'workspace-index-files.json'), JSON.stringify(generateWorkspace(FILES, LINES)));
    console.log(`wrote ${path.join(workDir, 'workspace-index-files.json')} (${FILES} files)`);
    return;
  }
  const core = await loadCore();
  const files = generateWorkspace(FILES, LINES);
  const names = Object.keys(files);
  const totalLines = names.reduce((s, n) => s + files[n].split('\n').length, 0);
  gc();
  const base = process.memoryUsage();

  // Warm the JIT on a copy of a few files, in a throw-away index (an editor has parsed files before).
  const warm = core.createWorkspaceIndex();
  for (const n of names.slice(0, 30)) warm.update(uriOf(n), kindOf(n), core.parseText(files[n], formatOf(n)), { dependents: false });

  // Cold indexing, RUNS times on a fresh index (the machine may be shared: the best run is the
  // least disturbed one). Parse and index time are summed separately.
  const runs = [];
  let index;
  let peakRss = 0;
  for (let run = 0; run < RUNS; run++) {
    index = undefined;
    gc();
    index = core.createWorkspaceIndex();
    let parseMs = 0;
    let updateMs = 0;
    const t0 = performance.now();
    for (const [i, n] of names.entries()) {
      const a = performance.now();
      const parsed = core.parseText(files[n], formatOf(n));
      const b = performance.now();
      index.update(uriOf(n), kindOf(n), parsed, { dependents: false });
      updateMs += performance.now() - b;
      parseMs += b - a;
      if (i % 50 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    runs.push({ total: performance.now() - t0, parseMs, updateMs });
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  runs.sort((a, b) => a.total - b.total);
  const best = runs[0];
  gc();
  const afterGc = process.memoryUsage();

  const t1 = performance.now();
  const counts = {};
  for (const n of names) for (const p of index.problemsFor(uriOf(n))) counts[p.code] = (counts[p.code] ?? 0) + 1;
  const full = performance.now() - t1;

  // Cold index as the server's start-up scan does it: files read from disk, parsed by the pool of
  // workers, facts added to the index in listing order. Measured in a fresh process (its memory
  // is then the scan's alone), the best of RUNS, worker start included.
  let poolRuns = [];
  let poolWorkers = 0;
  let poolCounts = {};
  let poolRss = 0;
  if (!argv.includes('--no-pool')) {
    const dir = path.join(workDir, 'workspace');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const n of names) {
      fs.mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
      fs.writeFileSync(path.join(dir, n), files[n]);
    }
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--scan-child', dir, '--runs', String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    ({ runs: poolRuns, workers: poolWorkers, counts: poolCounts, rssPeak: poolRss } = JSON.parse(out));
  }
  const cold = poolRuns.length ? poolRuns[0] : best.total;

  // Edits: each is parse + update + problemsFor(file and every dependent).
  const t = 'tenant-1';
  const edits = [
    ['rename a receiver (global)', `${t}/${t}.slack.yaml`, (s) => s.replace(`name: ${t}-recv-3\n`, `name: ${t}-recv-3x\n`)],
    ['add a supported locale (scope-wide)', `${t}/${t}.localization.yaml`, (s) => s.replace('supported_locales: [en, fr, de]', 'supported_locales: [en, fr, de, it]')],
    ['rename a template block (global, Go strings)', `${t}/${t}.alert-templates.yaml`, (s) => s.replace(`  ${t}.slack.title:`, `  ${t}.slack.heading:`)],
    ['rename an environment', `${t}/${t}.tenant.yaml`, (s) => s.replace('  staging:\n', '  stage:\n')],
    ['rename a role (cycle check)', `${t}/${t}.security.yaml`, (s) => s.replace('- name: role-5\n', '- name: role-5b\n')],
    ['rename a queue', `${t}/${t}-production.environment.yaml`, (s) => s.replace(`- name: ${t}-jobs-3-dlq\n`, `- name: ${t}-jobs-3-dl\n`)],
    ['comment-only edit', `${t}/${t}.monitoring.yaml`, (s) => '# edited\n' + s],
    ['platform time interval (platform routes)', 'platform/alertmanager.yml', (s) => s.replace('  - name: platform-maintenance\n', '  - name: platform-maint\n')],
    ['platform template used by every tenant', 'platform/platform.monitoring.yaml', (s) => s.replace('platform.default:', 'platform.fallback:')],
  ];
  const results = [];
  for (const [label, name, change] of edits) {
    if (!files[name]) continue;
    const text = change(files[name]);
    const times = [];
    let deps = [];
    for (let r = 0; r < 7; r++) {
      const tx = r % 2 === 0 ? text : files[name];
      const s = performance.now();
      const parsed = core.parseText(tx, formatOf(name));
      const a = performance.now();
      deps = index.update(uriOf(name), kindOf(name), parsed);
      const b = performance.now();
      let n = index.problemsFor(uriOf(name)).length;
      for (const d of deps) n += index.problemsFor(d).length;
      const e = performance.now();
      times.push({ total: e - s, parse: a - s, update: b - a, problems: e - b });
    }
    index.update(uriOf(name), kindOf(name), core.parseText(files[name], formatOf(name)));
    const med = (k) => times.map((t) => t[k]).sort((x, y) => x - y)[3];
    for (const t of times) t.index = t.update + t.problems;
    results.push({
      label, file: name, lines: files[name].split('\n').length, dependents: deps.length,
      median: med('total'), parse: med('parse'), update: med('update'), problems: med('problems'), index: med('index'), indexMax: Math.max(...times.map((t) => t.index)),
    });
  }

  const report = {
    core: core.how,
    cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    coldRuns: runs.map((r) => ({ totalMs: Math.round(r.total), parseMs: Math.round(r.parseMs), indexMs: Math.round(r.updateMs) })),
    files: names.length, lines: totalLines, avgLines: Math.round(totalLines / names.length),
    coldMs: cold, inProcessColdMs: best.total, poolColdRuns: poolRuns.map(Math.round), poolWorkers, poolRssPeak: poolRss,
    poolSameProblems: JSON.stringify(Object.entries(poolCounts).sort()) === JSON.stringify(Object.entries(counts).sort()), heapUsedAfterGc: afterGc.heapUsed - base.heapUsed, rssPeak: peakRss, rssAfterGc: afterGc.rss,
    fullCheckMs: full, problems: counts, edits: results,
  };
  if (argv.includes('--json')) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const ok = (b) => (b ? 'ok' : 'MISSED');
  console.log(`workspace index bench — ${report.core}, node ${process.version}, ${report.cpus} CPUs, load average ${report.loadAverage.join(' ')}`);
  console.log(`${report.files} files, ${report.lines} lines (≈${report.avgLines} per file)`);
  if (poolRuns.length) {
    console.log(`cold index, start-up scan (read from disk, ${poolWorkers} workers parse, facts indexed in order), best of ${RUNS}: ${ms(cold)}  [target ≤ 5000 ms: ${ok(cold <= 5000)}]`);
    console.log(`  all runs: ${poolRuns.map(ms).join('; ')}; rss peak ${mb(poolRss)} [target ≤ 300 MB: ${ok(poolRss <= 300 * 1048576)}]; same problems as in-process: ${report.poolSameProblems ? 'yes' : 'NO'}`);
  }
  console.log(`cold index in-process (parseText + update), best of ${RUNS}: ${ms(best.total)} = parse ${ms(best.parseMs)} + index ${ms(best.updateMs)}${poolRuns.length ? '' : `  [target ≤ 5000 ms: ${ok(cold <= 5000)}]`}`);
  console.log(`  all runs: ${runs.map((r) => `${ms(r.total)} (parse ${ms(r.parseMs)}, index ${ms(r.updateMs)})`).join('; ')}`);
  console.log(`memory (in-process): rss peak ${mb(peakRss)} [target ≤ 300 MB: ${ok(peakRss <= 300 * 1048576)}], rss after gc ${mb(afterGc.rss)}, index heap (after gc, over baseline) ${mb(report.heapUsedAfterGc)}`);
  console.log(`problemsFor every file: ${ms(full)}; problems: ${JSON.stringify(counts)}`);
  console.log('edits, median of 7: update + problemsFor of the file and its dependents [target ≤ 100 ms] (= update + problems), max; parse of the edited text; total:');
  for (const r of results) {
    const line = `${r.label.padEnd(46)} ${String(r.lines).padStart(4)} lines ${String(r.dependents).padStart(4)} deps`;
    console.log(`  ${line}  ${ms(r.index).padStart(8)} (${ms(r.update)} + ${ms(r.problems)}), max ${ms(r.indexMax)}  ${ok(r.index <= 100)}   parse ${ms(r.parse)}  total ${ms(r.median)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
