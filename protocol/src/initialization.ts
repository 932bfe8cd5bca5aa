/** What the client sends in `initializationOptions`, and what the server reads from it. */
export interface InitializationOptions {
  /** False in a restricted (untrusted) workspace: user schema files are not loaded. */
  trusted: boolean;
  /** VS Code's display language, for diagnostic messages. */
  locale: string;
  /** Settings of the `tenantConfig` section, for clients that cannot answer `workspace/configuration`. */
  settings?: unknown;
}

/** Read `initializationOptions` as sent by any client: missing or malformed fields take their defaults. */
export function readInitializationOptions(raw: unknown): Partial<InitializationOptions> {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Partial<InitializationOptions> = {};
  if (typeof r.trusted === 'boolean') out.trusted = r.trusted;
  if (typeof r.locale === 'string') out.locale = r.locale;
  if (r.settings !== undefined) out.settings = r.settings;
  return out;
}

/** The code action kind of the server's fix-all ("Fix all tenant config problems"), which the server advertises. */
export const FIX_ALL_KIND = 'source.fixAll.tenantConfig';
