// The workflows the README tells users to copy: current action versions, and the permissions each step needs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/config/paths.js';

const README = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
const workflows = [...README.matchAll(/```yaml\n(# \.github\/workflows\/[^\n]+\n[\s\S]*?)```/g)].map((m) => m[1]!);

describe("the README's workflows", () => {
  it('are valid YAML and use node24 versions of the actions they name', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    for (const text of workflows) {
      const doc = parse(text) as { jobs: Record<string, { steps: { uses?: string }[] }> };
      const uses = Object.values(doc.jobs).flatMap((j) => j.steps.map((s) => s.uses).filter(Boolean));
      expect(uses).toContain('actions/checkout@v6');
      // Regression (issue 21): checkout@v4 and upload-sarif@v3 run on node20, which GitHub's runners dropped.
      expect(uses.filter((u) => /^actions\/checkout@v[1-5]$|^github\/codeql-action\/[\w-]+@v[1-3]$/.test(u!))).toEqual([]);
    }
  });

  // Regression (issue 21): without `actions: read`, upload-sarif fails on private repositories.
  it('grant actions: read and security-events: write wherever they upload SARIF', () => {
    for (const text of workflows.filter((t) => t.includes('upload-sarif'))) {
      const doc = parse(text) as { permissions: Record<string, string> };
      expect(doc.permissions).toMatchObject({ contents: 'read', 'security-events': 'write', actions: 'read' });
    }
  });
});
