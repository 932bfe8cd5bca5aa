// Vendors the upstream test corpus into test/fixtures/upstream/ from local clones or bare mirrors
// (nothing is downloaded): Prometheus `config/testdata`, `model/rulefmt/testdata`,
// `cmd/promtool/testdata` and the `documentation/examples/prometheus*.yml` configurations;
// Alertmanager `config/testdata`, `doc/examples` and the configurations written inline in
// `config/config_test.go`; and, optionally, public dashboards and rule collections (kube-prometheus
// manifests, dotdc/grafana-dashboards-kubernetes, samber/awesome-prometheus-alerts).
//
//   node scripts/upstream-vendor.mjs --prometheus <dir>@v3.14.0 --alertmanager <dir>@v0.34.0 \
//     [--kube-prometheus <dir>@<ref>] [--kube-prometheus-legacy <dir>@v0.4.0] \
//     [--dotdc <dir>@<ref>] [--awesome <dir>@<ref>]
//
// Each source is written under its own folder (old files of that folder are removed first) and
// recorded in test/fixtures/upstream/sources.json (repository, ref, commit, licence, paths). The
// verdicts in cases.json are curated from upstream's tests and are not touched: after a new
// release, `npm test` names every file whose verdict is missing or stale.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'test', 'fixtures', 'upstream');

/** A git repository (bare mirror or work tree) at a ref. */
function source(spec) {
  const at = spec.lastIndexOf('@');
  const dir = at > 0 ? spec.slice(0, at) : spec;
  const ref = at > 0 ? spec.slice(at + 1) : 'HEAD';
  const bare = !fs.existsSync(path.join(dir, '.git'));
  const git = (...args) =>
    execFileSync('git', [...(bare ? ['--git-dir', dir] : ['-C', dir]), ...args], { maxBuffer: 1 << 28 });
  const commit = git('rev-parse', `${ref}^{commit}`).toString().trim();
  return {
    ref,
    commit,
    list: (prefix) =>
      git('ls-tree', '-r', '--name-only', commit, '--', prefix).toString().split('\n').filter(Boolean),
    read: (file) => git('show', `${commit}:${file}`),
  };
}

const sources = fs.existsSync(path.join(out, 'sources.json'))
  ? JSON.parse(fs.readFileSync(path.join(out, 'sources.json'), 'utf8'))
  : {};

function write(rel, data) {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

function clear(rel) {
  fs.rmSync(path.join(out, rel), { recursive: true, force: true });
}

function record(key, repo, src, licence, paths) {
  sources[key] = { repository: repo, ref: src.ref, commit: src.commit, licence, paths };
}

/** Copy every file under each prefix, keeping upstream's relative paths. */
function copyTree(src, folder, prefixes, keep = () => true) {
  for (const prefix of prefixes) {
    clear(path.join(folder, prefix));
    for (const f of src.list(prefix)) if (keep(f)) write(path.join(folder, f), src.read(f));
  }
}

/**
 * The YAML written inline in a Go test file, per test function: raw string literals assigned to
 * `in`, passed to `Load(...)`, or given as a table's `in:` field. Written as
 * `<TestName>.yml` (`-2`, `-3`, … when a test has several).
 */
function inlineConfigs(goSource) {
  const outFiles = [];
  const funcs = goSource.split(/^func (?=Test)/m).slice(1);
  for (const body of funcs) {
    const name = /^(Test\w+)/.exec(body)?.[1];
    if (!name) continue;
    const literals = [...body.matchAll(/(?:\bin :?= |\bLoad\(|\bin: +)`([^`]*)`/g)].map((m) => m[1]);
    literals.forEach((text, i) => {
      // Whole configurations only (not the YAML of one value, such as a `host:port`).
      if (text.includes('%s') || !/^(global|route|receivers|inhibit_rules|time_intervals|mute_time_intervals|templates):/m.test(text))
        return;
      outFiles.push({ name: `${name}${literals.length > 1 ? '-' + (i + 1) : ''}.yml`, text: text.replace(/^\n/, '') });
    });
  }
  return outFiles;
}

function args() {
  const a = process.argv.slice(2);
  const o = {};
  for (let i = 0; i < a.length; i += 2) {
    if (!a[i].startsWith('--') || a[i + 1] === undefined) throw new Error(`usage: see the head of ${import.meta.url}`);
    o[a[i].slice(2)] = a[i + 1];
  }
  return o;
}

const opts = args();

if (opts.prometheus) {
  const src = source(opts.prometheus);
  const prefixes = ['config/testdata', 'model/rulefmt/testdata', 'cmd/promtool/testdata'];
  copyTree(src, 'prometheus', prefixes);
  clear('prometheus/documentation/examples');
  for (const f of src.list('documentation/examples'))
    if (/^documentation\/examples\/prometheus[^/]*\.yml$/.test(f)) write(path.join('prometheus', f), src.read(f));
  record('prometheus', 'prometheus/prometheus', src, 'Apache-2.0', [
    ...prefixes,
    'documentation/examples/prometheus*.yml',
  ]);
}

if (opts.alertmanager) {
  const src = source(opts.alertmanager);
  copyTree(src, 'alertmanager', ['config/testdata', 'doc/examples']);
  clear('alertmanager/config/config_test.go');
  for (const f of inlineConfigs(src.read('config/config_test.go').toString()))
    write(path.join('alertmanager/config/config_test.go', f.name), f.text);
  record('alertmanager', 'prometheus/alertmanager', src, 'Apache-2.0', [
    'config/testdata',
    'doc/examples',
    'config/config_test.go (inline configurations, one file per test)',
  ]);
}

/** Dashboards of kube-prometheus' `grafana-dashboardDefinitions.yaml` (ConfigMaps holding the JSON). */
function kubePrometheusDashboards(src, folder, only) {
  clear(folder);
  const docs = YAML.parseAllDocuments(src.read('manifests/grafana-dashboardDefinitions.yaml').toString());
  for (const doc of docs) {
    const value = doc.toJSON();
    for (const item of value?.items ?? [value]) {
      for (const [name, json] of Object.entries(item?.data ?? {})) {
        if (only && !only.includes(name)) continue;
        write(path.join(folder, name), json.endsWith('\n') ? json : json + '\n');
      }
    }
  }
}

if (opts['kube-prometheus']) {
  const src = source(opts['kube-prometheus']);
  kubePrometheusDashboards(src, 'public/kube-prometheus/dashboards');
  clear('public/kube-prometheus/rules');
  for (const f of src.list('manifests'))
    if (/-prometheusRule\.yaml$/.test(f)) {
      const spec = YAML.parse(src.read(f).toString()).spec;
      write(
        path.join('public/kube-prometheus/rules', path.basename(f).replace(/\.yaml$/, '.rules.yaml')),
        YAML.stringify(spec, { lineWidth: 0 }),
      );
    }
  record('kube-prometheus', 'prometheus-operator/kube-prometheus', src, 'Apache-2.0', [
    'manifests/grafana-dashboardDefinitions.yaml (each dashboard of the ConfigMaps)',
    'manifests/*-prometheusRule.yaml (the `spec` of each PrometheusRule)',
  ]);
}

if (opts['kube-prometheus-legacy']) {
  const src = source(opts['kube-prometheus-legacy']);
  const only = [
    'apiserver.json',
    'kubelet.json',
    'namespace-by-pod.json',
    'nodes.json',
    'persistentvolumesusage.json',
    'pods.json',
    'prometheus-remote-write.json',
    'statefulset.json',
  ];
  kubePrometheusDashboards(src, 'public/kube-prometheus-legacy/dashboards', only);
  record('kube-prometheus-legacy', 'prometheus-operator/kube-prometheus', src, 'Apache-2.0', [
    `manifests/grafana-dashboardDefinitions.yaml (${only.join(', ')})`,
  ]);
}

if (opts.dotdc) {
  const src = source(opts.dotdc);
  copyTree(src, 'public/grafana-dashboards-kubernetes', ['dashboards'], (f) => f.endsWith('.json'));
  record('grafana-dashboards-kubernetes', 'dotdc/grafana-dashboards-kubernetes', src, 'Apache-2.0', ['dashboards']);
}

if (opts.awesome) {
  const src = source(opts.awesome);
  copyTree(src, 'public/awesome-prometheus-alerts', ['dist/rules'], (f) => /\.ya?ml$/.test(f));
  record('awesome-prometheus-alerts', 'samber/awesome-prometheus-alerts', src, 'CC-BY-4.0', ['dist/rules']);
}

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'sources.json'), JSON.stringify(sources, null, 2) + '\n');
