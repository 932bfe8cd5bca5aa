/** The output formats by name. */
import type { Format } from '../args';
import type { LintReport, RenderOptions } from './model';
import { stylish } from './stylish';
import { text } from './text';
import { json } from './json';
import { sarif } from './sarif';
import { github } from './github';
import { junit } from './junit';

export function render(format: Format, report: LintReport, options: RenderOptions): string {
  switch (format) {
    case 'stylish':
      return stylish(report, options);
    case 'text':
      return text(report);
    case 'json':
      return json(report);
    case 'sarif':
      return sarif(report);
    case 'github':
      return github(report);
    case 'junit':
      return junit(report);
  }
}

export type { LintReport, RenderOptions } from './model';
