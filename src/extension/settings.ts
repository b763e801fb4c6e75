/**
 * The extension's settings (`gradientNormLens.*`), read through one typed
 * accessor. Pure: takes anything with a `get(key)` (a
 * `vscode.WorkspaceConfiguration` in the extension, a plain object in unit
 * tests), validates, and falls back to the defaults below, which a unit test
 * checks against package.json's `contributes.configuration`.
 */

/** The settings section; every key below lives under it. */
export const SECTION = 'gradientNormLens';

/** Typed view of the settings. */
export interface Settings {
  /** Points for the numeric checks; empty = chosen automatically by the engine. */
  samplePoints: number[][];
  /** Relative tolerance of the numeric checks. */
  tolerance: number;
  /** Time budget of one derivation, in milliseconds. */
  timeBudgetMs: number;
  codeLensEnabled: boolean;
  hoverEnabled: boolean;
}

/** Setting key (relative to {@link SECTION}) for each field, and its default. */
export const SETTING_KEYS = {
  samplePoints: 'samplePoints',
  tolerance: 'tolerance',
  timeBudgetMs: 'timeBudgetMs',
  codeLensEnabled: 'codeLens.enabled',
  hoverEnabled: 'hover.enabled',
} as const satisfies Record<keyof Settings, string>;

/** Defaults; must equal the `default`s in package.json (unit-tested). */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  samplePoints: [],
  tolerance: 1e-6,
  timeBudgetMs: 2000,
  codeLensEnabled: true,
  hoverEnabled: true,
});

/** Bounds enforced on numeric settings (also the package.json minimum/maximum). */
export const LIMITS = {
  tolerance: { minimum: 1e-15, maximum: 1 },
  timeBudgetMs: { minimum: 100, maximum: 60000 },
} as const;

/** Anything settings can be read from. */
export interface ConfigurationLike {
  get<T>(key: string): T | undefined;
}

/** Reads and validates all settings; invalid values fall back to their default. */
export function readSettings(config: ConfigurationLike): Settings {
  return {
    samplePoints: readPoints(config.get<unknown>(SETTING_KEYS.samplePoints)),
    tolerance: readNumber(config.get<unknown>(SETTING_KEYS.tolerance), 'tolerance'),
    timeBudgetMs: readNumber(config.get<unknown>(SETTING_KEYS.timeBudgetMs), 'timeBudgetMs'),
    codeLensEnabled: readBool(config.get<unknown>(SETTING_KEYS.codeLensEnabled), 'codeLensEnabled'),
    hoverEnabled: readBool(config.get<unknown>(SETTING_KEYS.hoverEnabled), 'hoverEnabled'),
  };
}

function readNumber(value: unknown, key: keyof typeof LIMITS): number {
  const { minimum, maximum } = LIMITS[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SETTINGS[key];
  return Math.min(maximum, Math.max(minimum, value));
}

function readBool(value: unknown, key: 'codeLensEnabled' | 'hoverEnabled'): boolean {
  return typeof value === 'boolean' ? value : DEFAULT_SETTINGS[key];
}

function readPoints(value: unknown): number[][] {
  if (!Array.isArray(value)) return [];
  // Drop malformed points rather than the whole list: one typo should not
  // silently discard the user's other points.
  return value.filter(
    (p): p is number[] =>
      Array.isArray(p) &&
      p.length > 0 &&
      p.every((x) => typeof x === 'number' && Number.isFinite(x)),
  );
}
