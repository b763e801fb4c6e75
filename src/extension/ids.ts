/**
 * Identifiers shared with package.json (commands, views). Pure, so unit
 * tests can compare them with the manifest without loading `vscode`.
 */

/** Every command id the extension registers. */
export const COMMANDS = {
  showDerivation: 'gradientNormLens.showDerivation',
  openSidePanel: 'gradientNormLens.openSidePanel',
  copyResultLatex: 'gradientNormLens.copyResultLatex',
  setSamplePoint: 'gradientNormLens.setSamplePoint',
  /** Hidden from the palette; returns the views' last states for integration tests. */
  testState: 'gradientNormLens._test.state',
} as const;

/** The side view's id (package.json `contributes.views`). */
export const SIDE_VIEW_ID = 'gradientNormLens.sideView';

/** The activity-bar view container's id. */
export const VIEW_CONTAINER_ID = 'gradientNormLens';

/** The editor panel's webview type. */
export const PANEL_VIEW_TYPE = 'gradientNormLens.panel';
