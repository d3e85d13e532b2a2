/**
 * The table view's pure side, shared with the extension (`tsml/tableview`):
 * cell formatting, virtual-scroll geometry and the page cache. No Node, no DOM.
 */
export { formatCell, isMissingCell, shapeLabel } from './format.js';
export { geometry, firstRowAt, scrollTopFor, MAX_SCROLL_PX, type Geometry } from './viewport.js';
export { PageCache } from './pages.js';
