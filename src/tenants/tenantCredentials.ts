// A tenant's Management API credentials, kept only in VS Code's SecretStorage (the OS keychain
// on desktop). Keyed by domain, so renaming a tenant's label keeps its credentials.
import * as vscode from 'vscode';
import { SECRET_KEY_PREFIX } from '../contributions';

export type TenantCredentials =
  | { kind: 'token'; token: string }
  | { kind: 'client-credentials'; clientId: string; clientSecret: string };

const secretKey = (domain: string) => `${SECRET_KEY_PREFIX}${domain.toLowerCase()}`;

export class TenantCredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async read(domain: string): Promise<TenantCredentials | undefined> {
    const stored = await this.secrets.get(secretKey(domain));
    if (!stored) {
      return undefined;
    }
    try {
      const parsed = JSON.parse(stored) as TenantCredentials;
      if (parsed.kind === 'token' && typeof parsed.token === 'string') {
        return parsed;
      }
      if (parsed.kind === 'client-credentials' && typeof parsed.clientId === 'string' && typeof parsed.clientSecret === 'string') {
        return parsed;
      }
    } catch {
      // An unreadable entry is treated as absent: the user is asked for credentials again.
    }
    return undefined;
  }

  write(domain: string, credentials: TenantCredentials): Thenable<void> {
    return this.secrets.store(secretKey(domain), JSON.stringify(credentials));
  }

  forget(domain: string): Thenable<void> {
    return this.secrets.delete(secretKey(domain));
  }

  onDidChange(listener: (domain: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key.startsWith(SECRET_KEY_PREFIX)) {
        listener(event.key.slice(SECRET_KEY_PREFIX.length));
      }
    });
  }
}
