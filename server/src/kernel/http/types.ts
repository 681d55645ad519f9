import type { Access } from '../scope/access.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to anyone, no login: health, login, public portal. Every other route must name `policy`. */
    public?: boolean;
    /** The policy action(s) the handler checks, for documentation and the route-walking test. */
    policy?: string;
  }
  interface FastifyRequest {
    access: Access;
  }
}
