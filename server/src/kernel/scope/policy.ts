import type { Actor } from './actor.js';

/**
 * Authorisation as small declarative rules (in the style of Outline's server/policies): each
 * module's policy.ts says `allow('org.update', (actor, org) => …)`. An action with no rule is
 * denied: deny by default.
 */
export type Rule<S> = (actor: Actor, subject: S) => boolean;

export class Policy {
  private readonly rules = new Map<string, Rule<never>[]>();

  allow<S>(action: string, rule: Rule<S>): void {
    const list = this.rules.get(action) ?? [];
    list.push(rule as Rule<never>);
    this.rules.set(action, list);
  }

  /** Any matching rule allows; no actor or no rule denies. */
  can<S>(actor: Actor | null, action: string, subject: S): boolean {
    if (!actor) return false;
    const list = this.rules.get(action);
    return !!list && list.some((rule) => (rule as Rule<S>)(actor, subject));
  }

  has(action: string): boolean {
    return this.rules.has(action);
  }

  actions(): string[] {
    return [...this.rules.keys()];
  }
}
