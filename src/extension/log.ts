/**
 * Area-tagged logging onto the "Gradient Norm" LogOutputChannel. Documents
 * are identified by a short hash of their URI, never by path, so logs can be
 * shared without leaking the user's file system layout.
 */

/** The subset of `vscode.LogOutputChannel` used here. */
export interface LogSink {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Log areas (the tag in front of every line). */
export type Area = 'activate' | 'panel' | 'side' | 'hover' | 'lens' | 'worker' | 'command' | 'diag';

/** A logger for one area. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Wraps a sink so each line is prefixed with `[area]`. */
export function areaLogger(sink: LogSink, area: Area): Logger {
  const tag = `[${area}] `;
  return {
    debug: (m) => sink.debug(tag + m),
    info: (m) => sink.info(tag + m),
    warn: (m) => sink.warn(tag + m),
    error: (m) => sink.error(tag + m),
  };
}

/** A stable, short, non-reversible tag for a document URI (FNV-1a, 32 bit). */
export function docTag(uri: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < uri.length; i++) {
    h ^= uri.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `doc:${(h >>> 0).toString(16).padStart(8, '0')}`;
}
