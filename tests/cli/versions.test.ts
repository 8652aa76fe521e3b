import { describe, expect, it } from 'vitest';
import { promoteVersions } from '../../cli/promote/versions';

const STAGING = `# staging pins
images:
  inventory: "2.15.0"
  payments: "1.22.3"
  search: "0.1.0"
`;

const PRODUCTION = `# Version pins promoted from staging.
images:
  inventory: "2.14.0"   # the last release before the schema change
  payments: "1.22.3"
  legacy: '0.9.0'
`;

describe('promoteVersions', () => {
  it('copies every value of the source, keeping the target\'s comments and quoting', () => {
    const { text, changes } = promoteVersions(STAGING, PRODUCTION);
    expect(text).toBe(`# Version pins promoted from staging.
images:
  inventory: "2.15.0" # the last release before the schema change
  payments: "1.22.3"
  search: "0.1.0"
`);
    expect(changes).toEqual([
      { path: ['images', 'inventory'], before: '2.14.0', after: '2.15.0' },
      { path: ['images', 'search'], after: '0.1.0' },
      { path: ['images', 'legacy'], before: '0.9.0' },
    ]);
  });

  it('returns the target unchanged, byte for byte, when nothing differs', () => {
    const { text, changes } = promoteVersions(STAGING, STAGING.replace('# staging pins', '# production pins'));
    expect(changes).toEqual([]);
    expect(text).toBe(STAGING.replace('# staging pins', '# production pins'));
  });

  it('refuses a file that is not YAML', () => {
    expect(() => promoteVersions('images: [', PRODUCTION)).toThrow('versions file is not valid YAML');
  });

  it("carries a workload's per-environment variables like its image tag, and drops those staging no longer has", () => {
    const staging = `${STAGING}variables:\n  payments:\n    CHECKOUT_V2: "true"\n`;
    const production = `${PRODUCTION}variables:\n  inventory:\n    OLD_FLAG: "on"\n`;
    const { changes } = promoteVersions(staging, production);
    expect(changes).toContainEqual({ path: ['variables', 'payments', 'CHECKOUT_V2'], after: 'true' });
    expect(changes).toContainEqual({ path: ['variables', 'inventory', 'OLD_FLAG'], before: 'on' });
  });
});
