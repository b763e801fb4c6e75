/** All derivative rules for calls, by family, in one table. */
import type { CallName } from '../expr';
import { elementaryRules } from './elementary';
import { hyperbolicRules } from './hyperbolic';
import { nonsmoothRules } from './nonsmooth';
import { trigonometricRules } from './trigonometric';
import type { CallRule } from './types';

export const CALL_RULES: Readonly<Record<CallName, CallRule>> = {
  ...elementaryRules,
  ...trigonometricRules,
  ...hyperbolicRules,
  ...nonsmoothRules,
} as Record<CallName, CallRule>;
