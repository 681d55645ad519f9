/** The ids of an org and of every org above it, from its materialised path ('/root/league/banner/'). */
export function orgOnPath(orgPath: string): string[] {
  return orgPath.split('/').filter(Boolean);
}
