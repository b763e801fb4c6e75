import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_SETTINGS,
  LIMITS,
  readSettings,
  SECTION,
  SETTING_KEYS,
  type ConfigurationLike,
} from '../../../src/extension/settings';
import { configProperties } from './manifest';

function config(values: Record<string, unknown>): ConfigurationLike {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

describe('settings accessor', () => {
  const props = configProperties();

  it('covers exactly the contributed settings', () => {
    const contributed = Object.keys(props).sort();
    const ours = Object.values(SETTING_KEYS)
      .map((k) => `${SECTION}.${k}`)
      .sort();
    assert.deepEqual(ours, contributed);
  });

  it('has the same defaults as package.json', () => {
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      const prop = props[`${SECTION}.${key}`];
      assert.deepEqual(DEFAULT_SETTINGS[field as keyof typeof SETTING_KEYS], prop.default, key);
    }
  });

  it('has the same types and bounds as package.json', () => {
    for (const [field, key] of Object.entries(SETTING_KEYS)) {
      const prop = props[`${SECTION}.${key}`];
      const value = DEFAULT_SETTINGS[field as keyof typeof SETTING_KEYS];
      const type = Array.isArray(value) ? 'array' : typeof value;
      assert.equal(prop.type, type, key);
      const limits = (LIMITS as Record<string, { minimum: number; maximum: number }>)[field];
      if (limits) {
        assert.equal(prop.minimum, limits.minimum, `${key} minimum`);
        assert.equal(prop.maximum, limits.maximum, `${key} maximum`);
      }
    }
  });

  it('returns the defaults for an empty configuration', () => {
    assert.deepEqual(readSettings(config({})), DEFAULT_SETTINGS);
  });

  it('reads valid values', () => {
    const s = readSettings(
      config({
        samplePoints: [
          [1, 2],
          [3, 4],
        ],
        tolerance: 1e-8,
        timeBudgetMs: 5000,
        'codeLens.enabled': false,
        'hover.enabled': false,
      }),
    );
    assert.deepEqual(s, {
      samplePoints: [
        [1, 2],
        [3, 4],
      ],
      tolerance: 1e-8,
      timeBudgetMs: 5000,
      codeLensEnabled: false,
      hoverEnabled: false,
    });
  });

  it('falls back or clamps on invalid values', () => {
    const s = readSettings(
      config({
        samplePoints: [[1, 'x'], [2], 'nope', [], [Infinity]],
        tolerance: 'small',
        timeBudgetMs: 10,
        'codeLens.enabled': 'yes',
      }),
    );
    assert.deepEqual(s.samplePoints, [[2]]);
    assert.equal(s.tolerance, DEFAULT_SETTINGS.tolerance);
    assert.equal(s.timeBudgetMs, LIMITS.timeBudgetMs.minimum);
    assert.equal(s.codeLensEnabled, true);
  });
});
