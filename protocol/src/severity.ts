/**
 * The severity of a diagnostic, as the core assigns it and as settings name it. Declared once here
 * and used by the core, the server, the linter and the client.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A severity as written in settings; `off` drops the diagnostic. */
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
