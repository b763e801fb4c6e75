/**
 * The core's public surface: everything the CLI, the extension and the tests
 * use. No `vscode` import anywhere under src/core.
 */
export type {
  Language,
  Diagnostic,
  FunctionDef,
  ParsedDocument,
  SourceExpr,
  Variable,
} from './source';
export type {
  CheckStatus,
  DerivationStep,
  DocumentDerivation,
  FunctionDerivation,
  PointCheck,
} from './result';
export { signSymbolLatex } from './result';
export { parseDocument, parseExpression, languageOfPath } from './frontends';
export { DEFAULT_TOLERANCE, deriveDocument, deriveSelection, type DeriveOptions } from './derive';
