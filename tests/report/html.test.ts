// The HTML report as text: self-contained (nothing loaded from anywhere), hostile strings escaped in markup and in the
// embedded JSON, totals and timeline present. The browser test (tests/audit/html-browser.test.ts) checks the page runs.

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/types.js';
import { escapeHtml, htmlReport, scriptJson } from '../../src/report/html.js';
import { FINDINGS, META } from './fixtures.js';

const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

function hostile(): Finding[] {
  return [
    {
      ...FINDINGS[0]!,
      path: `dir/${HOSTILE}\u202egnp.exe`,
      provider: `<b>${HOSTILE}</b>`,
      repository: { name: `acme/${HOSTILE}`, url: `https://example.invalid/${HOSTILE}` },
      commit: { sha: 'a'.repeat(40), author: HOSTILE, email: `"><svg onload=alert(3)>@x`, date: '2024-03-05T10:00:00+00:00', message: HOSTILE },
    },
    { ...FINDINGS[1]!, repository: { name: 'acme/api', url: 'git@github.com:acme/api.git' }, commit: { sha: 'b'.repeat(40), author: 'Ada', email: 'a@x', date: '2025-01-20T10:00:00+00:00', message: 'm' } },
  ];
}

describe('htmlReport', () => {
  it('is one self-contained page: a CSP that forbids loading, no external resource of any kind', () => {
    const html = htmlReport(hostile(), { ...META, repositories: [{ name: 'acme/api', url: 'x', status: 'scanned', findings: 1 }] });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
    // Every real tag (escaped text has no raw `<`): none loads or links anything.
    const tags = html.match(/<[a-z][^>]*>/gi)!;
    expect(tags.length).toBeGreaterThan(20);
    for (const tag of tags) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/^<(link|iframe|img|object|embed|base|form)|\s(src|href|action|srcset)=/i);
    expect(html).not.toMatch(/@import|url\(|@font-face/i);
  });

  it('escapes hostile paths, authors, providers and repositories in markup and in the embedded data', () => {
    const html = htmlReport(hostile(), META);
    // Two script elements (the data and the code), each closed once: nothing broke out.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;&lt;/script&gt;'); // the provider's bar label, as text
    // The bidi override is shown as an escape, not applied.
    expect(html).not.toContain('\u202e');
    expect(html).toContain('\\\\u202e');
  });

  it('shows totals by severity, provider and repository, and a timeline of the commits', () => {
    const html = htmlReport(hostile(), META);
    expect(html).toContain('By severity');
    expect(html).toContain('By provider');
    expect(html).toContain('By repository');
    expect(html).toMatch(/2 commits introduced keys, 2024-03 to 2025-01, by month/);
    expect(html.match(/<rect /g)!.length).toBe(11); // March 2024 to January 2025
  });

  it('says so when findings have no commits (a scan of files)', () => {
    expect(htmlReport(FINDINGS.filter((f) => !f.commit), META)).toContain('No commit information');
  });

  it('escapes the characters that end an element or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(scriptJson({ s: '</script><!--\u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
    expect(JSON.parse(scriptJson({ s: '</script>&' }))).toEqual({ s: '</script>&' });
  });

  it('stays small with thousands of findings', () => {
    const many: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
      ...FINDINGS[i % FINDINGS.length]!,
      path: `services/svc-${i % 40}/config/settings-${i}.env`,
      fingerprint: i.toString(16).padStart(32, '0'),
      repository: { name: `acme/repo-${i % 90}`, url: `https://github.com/acme/repo-${i % 90}` },
      commit: { sha: i.toString(16).padStart(40, '0'), author: `Dev ${i % 30}`, email: `dev${i % 30}@acme.invalid`, date: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000 * 7).toISOString(), message: `change ${i}` },
    }));
    const html = htmlReport(many, META);
    expect(html.length).toBeLessThan(5000 * 400);
  });
});
