/**
 * A problem the core found, before it becomes an LSP diagnostic: a stable code, an absolute range,
 * the message (already localized) and typed data for quick fixes. Severity is the code's default
 * unless the problem sets its own; settings may override it per code.
 */
export interface Problem {
  code: string;
  offset: number;
  length: number;
  message: string;
  data?: Record<string, unknown>;
  severity?: 'error' | 'warning' | 'information' | 'hint';
  tags?: Array<'deprecated' | 'unnecessary'>;
}
