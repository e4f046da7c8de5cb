// The details view's documents, as one lazily loaded bundle (dist/detailsDocument.js): the
// renderers are needed only when a panel opens, not at activation (see detailsDocumentLoader.ts).
export { renderDetailsErrorHtml, renderDetailsHtml, renderDetailsLoadingHtml } from './renderDetailsHtml';
