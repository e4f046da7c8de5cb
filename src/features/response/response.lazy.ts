// The response flows, loaded on first use as one bundle (dist/response.lazy.js): Contain User and
// Revoke Selected, with their modals, progress, reports and audit lines (see lazy.ts).
export { containUser } from './containUserFlow';
export { revokeSelected } from './revokeSelectedFlow';
