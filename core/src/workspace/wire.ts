/**
 * Facts of a file as compact plain data, to cross a worker boundary cheaply. Structured clone
 * keeps arrays, maps and primitives, not classes, and costs per object: occurrences become rows
 * of one Int32Array, names and path keys one table of distinct strings, and paths, which share
 * prefixes as linked segments, one table of `(segment, parent)` rows, so a shared prefix crosses
 * once and is shared again on arrival. The typed arrays can be transferred rather than copied.
 */
import type { ScalarStyle } from '../document/ast';
import type { PathLink } from './pattern';
import { Occ } from './extract';
import type { FileFacts, Namespace } from './types';

/**
 * Int32 fields per occurrence: ns, role (0 def, 1 ref), name, offset, length, part, style, flags,
 * path row, owner, severity; ns, name, style, owner and severity are indexes in the string table
 * (-1: none), so new namespaces or styles need no change here.
 */
const OCC = 11;
/** Int32 fields per path row: segment is a number (1) or a string (0), the number or string index, parent row (-1: root). */
const ROW = 3;

export interface WireFacts extends Omit<FileFacts, 'occurrences' | 'lineStarts'> {
  lineStarts: Int32Array;
  occurrences: Int32Array;
  paths: Int32Array;
  strings: string[];
}

export function factsToWire(facts: FileFacts): WireFacts {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const rows: number[] = [];
  const rowIds = new Map<PathLink, number>();
  const rowOf = (link: PathLink | undefined): number => {
    if (!link) return -1;
    let id = rowIds.get(link);
    if (id === undefined) {
      const up = rowOf(link.up);
      id = rows.length / ROW;
      if (typeof link.seg === 'number') rows.push(1, link.seg, up);
      else rows.push(0, str(link.seg), up);
      rowIds.set(link, id);
    }
    return id;
  };
  const occ = new Int32Array(facts.occurrences.length * OCC);
  facts.occurrences.forEach((o, i) => {
    const x = o as Occ;
    const at = i * OCC;
    occ[at] = str(x.ns);
    occ[at + 1] = x.role === 'def' ? 0 : 1;
    occ[at + 2] = str(x.name);
    occ[at + 3] = x.offset;
    occ[at + 4] = x.length;
    occ[at + 5] = x.part;
    occ[at + 6] = str(x.style);
    occ[at + 7] = x.flags;
    occ[at + 8] = rowOf(x.link);
    occ[at + 9] = x.owner === undefined ? -1 : str(x.owner);
    occ[at + 10] = x.severity === undefined ? -1 : str(x.severity);
  });
  return {
    ...facts,
    lineStarts: Int32Array.from(facts.lineStarts),
    occurrences: occ,
    paths: Int32Array.from(rows),
    strings,
  };
}

/** The buffers of a wire value, to pass as the transfer list of `postMessage`. */
export function wireTransfer(wire: WireFacts): ArrayBuffer[] {
  return [
    wire.lineStarts.buffer as ArrayBuffer,
    wire.occurrences.buffer as ArrayBuffer,
    wire.paths.buffer as ArrayBuffer,
  ];
}

export function factsFromWire(wire: WireFacts): FileFacts {
  const { strings, paths } = wire;
  const links: Array<PathLink | undefined> = new Array(paths.length / ROW);
  // Rows are written parent first, so one pass rebuilds every link.
  for (let i = 0; i < links.length; i++) {
    const at = i * ROW;
    const up = paths[at + 2];
    links[i] = { seg: paths[at] === 1 ? paths[at + 1] : strings[paths[at + 1]], up: up < 0 ? undefined : links[up] };
  }
  const occ = wire.occurrences;
  const occurrences: Occ[] = new Array(occ.length / OCC);
  for (let i = 0; i < occurrences.length; i++) {
    const at = i * OCC;
    const row = occ[at + 8];
    const o = new Occ(
      wire.uri,
      strings[occ[at]] as Namespace,
      occ[at + 1] === 0 ? 'def' : 'ref',
      strings[occ[at + 2]],
      occ[at + 3],
      occ[at + 4],
      occ[at + 5],
      strings[occ[at + 6]] as ScalarStyle,
      occ[at + 7],
      row < 0 ? undefined : links[row],
    );
    if (occ[at + 9] >= 0) o.owner = strings[occ[at + 9]];
    if (occ[at + 10] >= 0) o.severity = strings[occ[at + 10]] as Occ['severity'];
    occurrences[i] = o;
  }
  const { paths: _paths, strings: _strings, ...rest } = wire;
  void _paths;
  void _strings;
  return { ...rest, lineStarts: Array.from(wire.lineStarts), occurrences };
}
