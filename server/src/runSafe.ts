import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export type Log = (message: string) => void;

/**
 * Run a request handler so that nothing escapes: a thrown error is logged and answered with the
 * fallback value, and a cancelled request is answered as cancelled. Every handler goes through it.
 */
export function runSafe<T>(
  log: Log,
  name: string,
  fallback: T,
  token: CancellationToken | undefined,
  fn: () => T,
): T | ResponseError<void> {
  if (token?.isCancellationRequested) return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'cancelled');
  try {
    const result = fn();
    if (token?.isCancellationRequested) return new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'cancelled');
    return result;
  } catch (e) {
    log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
    return fallback;
  }
}

/** The same for notifications (no answer): errors are logged, never thrown. */
export function runSafeVoid(log: Log, name: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    log(`${name} failed: ${(e as Error)?.stack ?? String(e)}`);
  }
}
