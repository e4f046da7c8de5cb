// The flows of the connect feature, loaded on first use as their own bundle (dist/connect.lazy.js,
// see lazy.ts): the prompts, the keyring's failure messages and the custom-domain offer are not
// needed until a person connects a tenant or changes its credentials.
export { connectTenant, removeTenant, setCredentials, signOut } from './credentialPrompts';
