import type { Config } from '../config.js';
import type { Db } from '../kernel/db/database.js';
import { randomPassword } from '../kernel/auth/tokens.js';
import { countOrgs } from '../modules/orgs/store.js';
import { seedIfEmpty, type Scale, type SeedResult } from './seed.js';

/**
 * Seeds an empty database and returns what a person needs to log in. Several processes may start at
 * once on one PostgreSQL: the loser of the race sees the winner's rows and carries on.
 */
export async function seedOnFirstStart(config: Config, db: Db, scale?: Scale): Promise<(SeedResult & { password: string | null }) | null> {
  const password = config.adminPassword ?? randomPassword();
  try {
    const result = await seedIfEmpty(db.kysely, { scale: scale ?? (config.seedDemo ? 'demo' : 'base'), adminPassword: password });
    if (!result.seeded) return null;
    return { ...result, password: config.adminPassword ? null : password };
  } catch (err) {
    if ((await countOrgs(db.kysely)) > 0) return null;
    throw err;
  }
}

export function loginBanner(result: SeedResult & { password: string | null }, url: string): string {
  const pw = result.password ?? '(the value of GEREL_ADMIN_PASSWORD)';
  const lines = [
    '',
    '  ᠭᠡᠷᠡᠯ Gerel is ready — 已创建组织树与管理员账户',
    `  ${url}`,
    `  admin login / 管理员登录:  admin  /  ${pw}`,
  ];
  const others = result.users.filter((u) => u.username !== 'admin');
  if (others.length > 0 && others.length <= 20) {
    lines.push('  demo accounts (same password) / 演示账户（密码相同）:');
    for (const u of others) lines.push(`    ${u.username.padEnd(20)} ${u.role.padEnd(10)} ${u.org}`);
  } else if (others.length > 20) {
    lines.push(`  plus ${others.length} demo accounts with the same password`);
  }
  lines.push('');
  return lines.join('\n');
}
