/** Reads the repository's package.json for the manifest tests (no `vscode`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A configuration property as contributed. */
export interface ConfigProperty {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
}

/** package.json, parsed. */
// The manifest is untyped JSON; tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const manifest: any = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
);

/** All contributed settings, whether `configuration` is an object or an array of groups. */
export function configProperties(): Record<string, ConfigProperty> {
  const c = manifest.contributes.configuration;
  const groups = Array.isArray(c) ? c : [c];
  return Object.assign({}, ...groups.map((g: { properties: object }) => g.properties));
}
