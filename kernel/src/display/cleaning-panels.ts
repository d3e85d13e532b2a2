/** Registers display.missing and display.outliers with the display API (done by the tsml API module as it loads). */
import { providePanel } from './display.js';
import { missingFor } from './missing.js';
import { MissingView } from './panel-session.js';
import { outliersFor } from './outliers.js';

export function registerCleaningPanels(): void {
  providePanel('missing', (input, opts) => {
    const { bundle, session } = missingFor(input, opts);
    return { bundle, view: new MissingView(session) };
  });
  providePanel('outliers', (input, opts) => outliersFor(input, opts));
}
