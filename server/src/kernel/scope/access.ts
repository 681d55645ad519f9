import { AppError } from '../http/errors.js';
import { scopePrefixes, type Actor } from './actor.js';
import type { Policy } from './policy.js';
import type { Role } from './roles.js';

/**
 * One request's view of authorisation. Every route handler goes through it: `authorize` for one
 * subject, `scope` for lists. Either marks the request as checked; a non-public route that answers
 * without a check is turned into an error (see the guard in kernel/http).
 */
export class Access {
  checked = false;

  constructor(
    readonly actor: Actor | null,
    private readonly policy: Policy,
  ) {}

  /** The logged-in actor, or 401. */
  get user(): Actor {
    if (!this.actor) throw new AppError(401, 'auth.required');
    return this.actor;
  }

  can<S>(action: string, subject: S): boolean {
    this.checked = true;
    return this.policy.can(this.actor, action, subject);
  }

  /**
   * Throws unless allowed. `hide: true` answers 404 instead of 403, for subjects the actor must not
   * even learn exist (another banner's data).
   */
  authorize<S>(action: string, subject: S, opts: { hide?: boolean } = {}): void {
    const actor = this.user;
    this.checked = true;
    if (!this.policy.can(actor, action, subject)) throw new AppError(opts.hide ? 404 : 403, opts.hide ? 'not_found' : 'forbidden');
  }

  /** Subtree prefixes where the actor holds one of `roles` (any role when none given): the filter for lists. */
  scope(...roles: Role[]): string[] {
    const actor = this.user;
    this.checked = true;
    return scopePrefixes(actor, ...roles);
  }

  /** For routes whose policy is "any logged-in user" (e.g. reading one's own profile). */
  requireUser(): Actor {
    const actor = this.user;
    this.checked = true;
    return actor;
  }
}
