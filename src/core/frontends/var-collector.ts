/**
 * Collects the scalar variables a function body uses (plain `y`, components
 * `x(1)` / `x_1`) while the body is being built, then orders them and fixes
 * the indices in the tree. Shared by the MATLAB and LaTeX front ends, whose
 * parsers meet the components of a vector parameter before they know them all.
 */
import type { Position, SourceExpr, Variable } from '../source';
import { indexedVariable, scalarVariable } from './common';

/** A declared parameter: a name (`x`), or one component written as a name (`x_1`). */
export interface ParamSpec {
  base: string;
  index?: number;
}

type VarNode = Extract<SourceExpr, { type: 'variable' }>;

interface BaseUse {
  plain: VarNode[];
  indexed: Map<number, VarNode[]>;
  plainAt?: Position;
  indexedAt?: Position;
}

/** A problem found while ordering variables (a vector used as a whole, ...). */
export interface CollectorProblem {
  message: string;
  at: Position;
}

/** Builds variable nodes with provisional indices and numbers them in `finish`. */
export class VarCollector {
  private readonly uses = new Map<string, BaseUse>();

  /**
   * @param params declared parameters in order; empty for a bare expression,
   *   where every name is free and variables follow first appearance.
   * @param written how a component is spelled for display (`x(1)`, `x_1`).
   */
  constructor(
    private readonly params: ParamSpec[],
    private readonly written: (base: string, index: number) => string,
  ) {
    for (const p of params) this.use(p.base);
  }

  /** Whether `base` (optionally component `index`) may appear in the body. */
  allows(base: string, index?: number): boolean {
    if (this.params.length === 0) return true;
    return this.params.some((p) => p.base === base && (p.index === undefined || p.index === index));
  }

  /** Whether `base` was declared as a whole parameter (so `x(1)` is indexing). */
  hasWholeParam(base: string): boolean {
    return this.params.some((p) => p.base === base && p.index === undefined);
  }

  /** A node for the plain name `base`. */
  plain(base: string, at: Position): SourceExpr {
    const u = this.use(base);
    const node: VarNode = { type: 'variable', index: -1, at };
    u.plain.push(node);
    u.plainAt ??= at;
    return node;
  }

  /** A node for component `index` of `base`. */
  indexed(base: string, index: number, at: Position): SourceExpr {
    const u = this.use(base);
    const node: VarNode = { type: 'variable', index: -1, at };
    const list = u.indexed.get(index) ?? [];
    list.push(node);
    u.indexed.set(index, list);
    u.indexedAt ??= at;
    return node;
  }

  /**
   * Orders variables: parameters first in declared order; a vector
   * parameter's components by index, with gaps filled from 1 (or 0 when
   * index 0 is used) so the variable list matches the vector the user passes.
   */
  finish(): { variables: Variable[]; problems: CollectorProblem[]; indexBase?: 0 | 1 } {
    const variables: Variable[] = [];
    const problems: CollectorProblem[] = [];
    const taken = new Set<string>();
    let indexBase: 0 | 1 | undefined;
    const declaredComponent = (base: string) =>
      this.params.some((p) => p.base === base && p.index !== undefined);
    for (const [base, u] of this.uses) {
      if (u.plain.length > 0 && u.indexed.size > 0) {
        problems.push({
          at: u.plainAt!,
          message:
            `'${base}' is used both as a whole and by component ` +
            `(${this.written(base, [...u.indexed.keys()][0])}); use only components of a ` +
            'vector parameter, or only the plain name of a scalar.',
        });
        continue;
      }
      if (u.indexed.size === 0 && !declaredComponent(base)) {
        const v = scalarVariable(base, taken);
        for (const n of u.plain) n.index = variables.length;
        variables.push(v);
        continue;
      }
      const keys = [...u.indexed.keys()].sort((a, b) => a - b);
      const min = keys[0];
      const max = keys[keys.length - 1];
      indexBase ??= min === 0 ? 0 : 1;
      const fill = declaredComponent(base)
        ? this.params.filter((p) => p.base === base).map((p) => p.index!)
        : range(min === 0 ? 0 : 1, max);
      for (const k of fill) {
        const v = indexedVariable(base, k, this.written(base, k), taken);
        for (const n of u.indexed.get(k) ?? []) n.index = variables.length;
        variables.push(v);
      }
    }
    return { variables, problems, indexBase };
  }

  private use(base: string): BaseUse {
    let u = this.uses.get(base);
    if (!u) {
      u = { plain: [], indexed: new Map() };
      this.uses.set(base, u);
    }
    return u;
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(k);
  return out;
}
