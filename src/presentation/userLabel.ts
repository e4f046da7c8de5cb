// How a user is named everywhere (tree rows, pickers, titles, recent users): the email, else the
// name, else the user id. The caller makes it safe for where it is shown (safeLabel for labels).
import type { User } from '../auth0/types';

/** The email, else the name, else the user id (raw: Auth0 data, attacker-controllable). */
export function userDisplayName(user: Pick<User, 'user_id' | 'email' | 'name'>): string {
  return user.email ?? user.name ?? user.user_id;
}
