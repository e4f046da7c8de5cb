// The hunt and incident-response flows, loaded on first use as one bundle (dist/huntFlows.js):
// the hunt controller (form, progress, checkpoint, results panel), Revoke Selected and Contain
// User. Activation only registers the commands (see huntCommands.ts and huntFlowsLoader.ts).
export { containUser } from '../response/containUserFlow';
export { HuntController } from './huntController';
