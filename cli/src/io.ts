/** What a command reads and writes besides files: the working folder, the environment, the streams. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}
