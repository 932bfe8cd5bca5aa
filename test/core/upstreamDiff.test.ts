// scripts/upstream-diff.mjs on a small Go repository that stands for a Prometheus release: the
// keys of its config structs (yaml tags, inline fields, registered service discoveries) against
// the bundled schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/service';

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-upstream-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'release');
  git('tag', 'v9.9.9');
  return dir;
}

test('npm run upstream:diff reports the keys a release adds and the keys it no longer has', () => {
  const dir = repo({
    'go.mod': 'module github.com/prometheus/prometheus\n\ngo 1.25\n',
    'config/config.go': [
      'package config',
      '',
      'import "github.com/prometheus/prometheus/discovery"',
      '',
      'type Config struct {',
      '\tGlobalConfig GlobalConfig `yaml:"global"`',
      '\tScrapeConfigs []*ScrapeConfig `yaml:"scrape_configs,omitempty"`',
      '\tBrandNew string `yaml:"brand_new_section,omitempty"`',
      '\tloaded bool',
      '}',
      '',
      'type GlobalConfig struct {',
      '\tScrapeInterval string `yaml:"scrape_interval,omitempty"`',
      '\tlegacy `yaml:",inline"`',
      '}',
      '',
      'type legacy struct {',
      '\tQueryLogFile string `yaml:"query_log_file,omitempty"`',
      '}',
      '',
      'type ScrapeConfig struct {',
      '\tJobName string `yaml:"job_name"`',
      '\tServiceDiscoveryConfigs discovery.Configs `yaml:"-"`',
      '}',
      '',
    ].join('\n'),
    'discovery/discovery.go': 'package discovery\n\ntype Configs []Config\n',
    'discovery/file/file.go': [
      'package file',
      '',
      'func init() { discovery.RegisterConfig(&SDConfig{}) }',
      '',
      'type SDConfig struct {',
      '\tFiles []string `yaml:"files"`',
      '\tWatch bool `yaml:"watch_new_files"`',
      '}',
      '',
      'func (*SDConfig) Name() string { return "file" }',
      '',
    ].join('\n'),
  });
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'upstream-diff.mjs'), `${dir}@v9.9.9`], {
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  // This release has no rules package: said, not a crash.
  assert.match(
    r.stdout,
    /prometheus-rules\.schema\.json against prometheus v9\.9\.9 .*\n {2}no struct RuleGroups in model\/rulefmt: nothing compared/,
  );
  const out = r.stdout;
  assert.match(out, /prometheus\.schema\.json against prometheus v9\.9\.9/);
  const lacks = out.slice(
    out.indexOf('upstream keys the schema lacks'),
    out.indexOf('schema keys upstream does not have'),
  );
  assert.match(lacks, /^ {4}brand_new_section {2}\(Config\.BrandNew\)$/m);
  assert.match(lacks, /^ {4}scrape_configs\[\]\.file_sd_configs\[\]\.watch_new_files {2}\(SDConfig\.Watch\)$/m);
  // Inline fields are merged; an existing key is not reported.
  assert.doesNotMatch(lacks, /query_log_file|scrape_interval|job_name/);
  const extra = out.slice(out.indexOf('schema keys upstream does not have'));
  assert.match(extra, /^ {4}otlp {2}\(not in Config\)$/m);
  assert.match(extra, /^ {4}scrape_configs\[\]\.kubernetes_sd_configs {2}\(not in ScrapeConfig\)$/m);
  assert.doesNotMatch(extra, /^ {4}global\.query_log_file /m);
});
