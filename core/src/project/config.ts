/**
 * The project configuration `.tenant-config.yaml`, read from text: pure (the host finds and reads
 * the file). Its problems (unknown keys, wrong types) come from validating it against its bundled
 * schema, like any other file; this module turns its value into settings, tolerating whatever the
 * schema rejects.
 */
import picomatch from 'picomatch/posix';
import { parseText } from '../document/parseText';
import { toValue } from '../document/value';
import { findNodeAtPath, type JSONPath } from '../document/ast';
import type { Severity } from '../codes';

/** The file name the linter and the editor look for, walking up from a file. */
export const PROJECT_CONFIG_FILE = '.tenant-config.yaml';
/** The catalog id of its bundled schema. */
export const PROJECT_SCHEMA_ID = 'tenant-config-project';

/** Codes suppressed at a path of the files a glob names (for JSON, which has no comments). */
export interface PathSuppression {
  /** Globs relative to the folder of the configuration file. */
  files: string[];
  /** The node (and everything inside it) where problems are suppressed; `[]` is the whole document. */
  path: string[];
  codes: string[];
  reason?: string;
  /** Position of the entry in the configuration file, to report it when it suppresses nothing. */
  offset: number;
  length: number;
}

export interface ProjectConfig {
  /** Schema id or path (relative to the configuration file) → glob(s) relative to it. */
  schemas: Record<string, string | string[]>;
  severity: Record<string, Severity | 'off'>;
  /** Globs relative to the configuration file of files the linter skips. */
  ignore: string[];
  maxProblems?: number;
  crossFile: {
    enable: boolean;
    /** Relative to the configuration file; `.` by default. */
    root: string;
    exclude: string[];
  };
  suppressions: PathSuppression[];
}

export const emptyProjectConfig = (): ProjectConfig => ({
  schemas: {},
  severity: {},
  ignore: [],
  crossFile: { enable: true, root: '.', exclude: [] },
  suppressions: [],
});

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && !!s) : [];

/** A JSON Pointer (RFC 6901) as path segments; undefined when it is not one. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The settings of a project configuration text. Values of the wrong type are left out (validation
 * against the bundled schema reports them); the text never makes this throw.
 */
export function readProjectConfig(text: string): ProjectConfig {
  const config = emptyProjectConfig();
  const part = parseText(text, 'yaml').parts[0];
  if (!part?.root) return config;
  const { value, bomb } = toValue(part.root, part.hasAliases);
  if (bomb || !isRecord(value)) return config;
  if (isRecord(value.schemas))
    for (const [ref, globs] of Object.entries(value.schemas)) {
      const list = strings(globs);
      if (ref && list.length) config.schemas[ref] = typeof globs === 'string' ? globs : list;
    }
  if (isRecord(value.severity))
    for (const [code, s] of Object.entries(value.severity))
      if (typeof s === 'string' && SEVERITIES.has(s)) config.severity[code] = s as Severity | 'off';
  config.ignore = strings(value.ignore);
  if (isRecord(value.options) && Number.isInteger(value.options.maxProblems) && Number(value.options.maxProblems) > 0)
    config.maxProblems = Number(value.options.maxProblems);
  if (isRecord(value.crossFile)) {
    const c = value.crossFile;
    if (typeof c.enable === 'boolean') config.crossFile.enable = c.enable;
    if (typeof c.root === 'string' && c.root) config.crossFile.root = c.root;
    config.crossFile.exclude = strings(c.exclude);
  }
  if (Array.isArray(value.suppressions))
    value.suppressions.forEach((s, i) => {
      if (!isRecord(s)) return;
      const files = strings(s.files);
      const codes = strings(s.codes);
      const path = parsePointer(typeof s.path === 'string' ? s.path : '');
      if (!files.length || !codes.length || !path) return;
      const node = findNodeAtPath(part.root, ['suppressions', i] as JSONPath).node;
      config.suppressions.push({
        files,
        path,
        codes,
        reason: typeof s.reason === 'string' ? s.reason : undefined,
        offset: node?.offset ?? 0,
        length: node?.length ?? 0,
      });
    });
  return config;
}

/** Whether a file (its path relative to the configuration file's folder, with `/`) matches one of the globs. */
export function matchesGlobs(globs: readonly string[], relativePath: string): boolean {
  return globs.some((g) => {
    try {
      return picomatch(g.replace(/^\.\//, ''), { dot: true })(relativePath);
    } catch {
      return false;
    }
  });
}

/** The folders to look in for a project configuration, from a file's folder up to `stop` (both included). */
export function configFolders(folder: string, stop?: string): string[] {
  const out: string[] = [];
  let dir = folder.replace(/\/+$/, '') || '/';
  for (let i = 0; i < 256; i++) {
    out.push(dir);
    if (dir === stop || dir === '/' || /^[A-Za-z]:$/.test(dir)) break;
    const up = dir.slice(0, dir.lastIndexOf('/')) || '/';
    if (up === dir) break;
    dir = up;
  }
  return out;
}
