// What connecting a tenant loads on first use, as one bundle (dist/connect.lazy.js): the prompts
// for a domain, a token or client credentials. Activation only registers the commands (see register.ts).
export { askClientCredentials, askNewTenant, askToken, domainProblem, warnAboutToken } from './credentialPrompts';
