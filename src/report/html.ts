// The HTML report: one self-contained page a security team can attach to a ticket. Totals by severity, provider and
// repository, a timeline of the commits that introduced keys, and a searchable, filterable table with each finding's
// place, commit, author and how to fix it. Nothing is loaded from anywhere (a Content-Security-Policy forbids it);
// the findings travel as JSON in the page and a small script renders the table, a page of rows at a time, with
// textContent only. Every string from the scan (paths, authors, messages, repository names) is hostile input: in
// markup it is HTML-escaped, in the JSON `<` is escaped, and control and bidi characters are made visible.

import type { Finding, Severity } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import { escapeControl } from './escape.js';
import { FIX_HINT } from './text.js';
import type { ReportMeta, RepositoryStatus, RuleMeta } from './types.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML content and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// Bidirectional controls and marks: a file name with U+202E would display reversed.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Control and bidi characters as visible escapes, as in the text report. */
function visible(s: string): string {
  return escapeControl(s).replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON that can sit inside a <script> element: no `<` (so no `</script>` or `<!--`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { critical: '#b3001b', high: '#e0482f', medium: '#d99a00', low: '#6b7785' };

/** A card of horizontal bars; `filter` names the table filter a click on a row sets. */
function barCard(title: string, rows: [string, number][], filter: string, limit = 12, color?: (label: string) => string): string {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const shown = rows.slice(0, limit);
  const rest = rows.slice(limit).reduce((n, [, v]) => n + v, 0);
  const items = shown
    .map(([label, n]) => {
      const pct = Math.max(2, Math.round((n / max) * 100));
      const bg = color ? color(label) : '#3b6fd1';
      return (
        `<li><button type="button" class="bar" data-filter="${filter}" data-value="${escapeHtml(label)}" title="Show only ${escapeHtml(visible(label))}">` +
        `<span class="label">${escapeHtml(visible(label))}</span><span class="track"><span class="fill" style="width:${pct}%;background:${bg}"></span></span>` +
        `<span class="n">${n.toLocaleString('en-US')}</span></button></li>`
      );
    })
    .join('');
  const more = rest ? `<li class="more">and ${plural(rows.length - limit, 'other')}: ${rest.toLocaleString('en-US')}</li>` : '';
  return `<section class="card"><h2>${escapeHtml(title)}</h2><ul class="bars">${items || '<li class="none">none</li>'}${more}</ul></section>`;
}

/** Commits that introduced keys, by month (by day when they all fall within two months), as an SVG bar chart. */
function timeline(findings: readonly Finding[]): string {
  const commits = new Map<string, { date: string; findings: number }>();
  for (const f of findings) {
    if (!f.commit) continue;
    const key = `${f.repository?.url ?? ''}\0${f.commit.sha}`;
    const c = commits.get(key) ?? { date: f.commit.date, findings: 0 };
    c.findings += 1;
    commits.set(key, c);
  }
  if (commits.size === 0) return '<p class="note">No commit information: these findings come from files, not from git history.</p>';
  const times = [...commits.values()].map((c) => ({ t: Date.parse(c.date), n: c.findings })).filter((c) => Number.isFinite(c.t));
  if (times.length === 0) return '<p class="note">The commits carry no readable dates.</p>';
  const first = Math.min(...times.map((c) => c.t));
  const last = Math.max(...times.map((c) => c.t));
  const byDay = last - first < 62 * 86_400_000;
  const bucketOf = (t: number): string => new Date(t).toISOString().slice(0, byDay ? 10 : 7);
  // Every bucket from the first to the last, so gaps show as gaps.
  const buckets: string[] = [];
  const cursor = new Date(first);
  cursor.setUTCHours(0, 0, 0, 0);
  if (!byDay) cursor.setUTCDate(1);
  while (cursor.getTime() <= last && buckets.length < 2000) {
    buckets.push(bucketOf(cursor.getTime()));
    if (byDay) cursor.setUTCDate(cursor.getUTCDate() + 1);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  const counts = new Map<string, { commits: number; findings: number }>(buckets.map((b) => [b, { commits: 0, findings: 0 }]));
  for (const c of times) {
    const b = counts.get(bucketOf(c.t));
    if (!b) continue;
    b.commits += 1;
    b.findings += c.n;
  }
  const max = Math.max(1, ...[...counts.values()].map((c) => c.commits));
  const width = 900;
  const height = 140;
  const slot = width / buckets.length;
  const bars = buckets
    .map((b, i) => {
      const c = counts.get(b)!;
      const h = c.commits ? Math.max(2, Math.round((c.commits / max) * (height - 20))) : 0;
      const tip = `${b}: ${plural(c.commits, 'commit')} introduced ${plural(c.findings, 'key')}`;
      return `<rect x="${(i * slot + slot * 0.1).toFixed(1)}" y="${height - h}" width="${Math.max(1, slot * 0.8).toFixed(1)}" height="${h}"><title>${escapeHtml(tip)}</title></rect>`;
    })
    .join('');
  const label = (text: string, x: number, anchor: string): string => `<text x="${x}" y="12" text-anchor="${anchor}">${escapeHtml(text)}</text>`;
  return (
    `<p class="note">${plural(commits.size, 'commit')} introduced keys, ${escapeHtml(buckets[0]!)} to ${escapeHtml(buckets[buckets.length - 1]!)}, by ${byDay ? 'day' : 'month'} (most in one ${byDay ? 'day' : 'month'}: ${max}).</p>` +
    `<svg class="timeline" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="Commits that introduced keys over time">` +
    `${label(buckets[0]!, 0, 'start')}${label(buckets[buckets.length - 1]!, width, 'end')}${bars}</svg>`
  );
}

function repositoriesCard(repos: readonly RepositoryStatus[]): string {
  const failed = repos.filter((r) => r.status === 'failed');
  const resumed = repos.filter((r) => r.status === 'resumed').length;
  const list = failed
    .map((r) => `<li><strong>${escapeHtml(visible(r.name))}</strong> <code>${escapeHtml(visible(r.url))}</code>: ${escapeHtml(visible(r.error ?? 'failed'))}</li>`)
    .join('');
  return (
    `<section class="card wide"><h2>Repositories</h2><p>${plural(repos.length, 'repository', 'repositories')} listed: ` +
    `${repos.length - failed.length} scanned${resumed ? ` (${resumed} from the state folder)` : ''}, <strong class="${failed.length ? 'bad' : ''}">${failed.length} could not be scanned</strong>.</p>` +
    (list ? `<ul class="failed">${list}</ul>` : '') +
    '</section>'
  );
}

/** The compact rows the page's script renders: string tables plus one array per finding. */
function tableData(findings: readonly Finding[], rules: readonly RuleMeta[]) {
  const index = <T>(list: T[], map: Map<string, number>, key: string, make: () => T): number => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.length;
      map.set(key, i);
      list.push(make());
    }
    return i;
  };
  const known = new Map(rules.map((r) => [r.id, r]));
  const ruleList: [string, string, string[]][] = [];
  const ruleIndex = new Map<string, number>();
  const repoList: [string, string][] = [];
  const repoIndex = new Map<string, number>();
  const rows = findings.map((f) => {
    const rule = index(ruleList, ruleIndex, f.ruleId, () => [
      visible(f.ruleId),
      visible(f.description),
      (known.get(f.ruleId)?.references ?? []).filter((u) => /^https:\/\/[^\s"'<>]+$/.test(u)),
    ]);
    const repo = f.repository ? index(repoList, repoIndex, `${f.repository.name}\0${f.repository.url}`, () => [visible(f.repository!.name), visible(f.repository!.url)]) : -1;
    return [
      SEVERITIES.indexOf(f.severity),
      visible(f.provider ?? 'other'),
      rule,
      repo,
      visible(f.path),
      f.line,
      f.column,
      f.commit ? f.commit.sha : '',
      f.commit ? visible(f.commit.author) : '',
      f.commit ? visible(f.commit.email) : '',
      f.commit ? f.commit.date : '',
      f.commit ? visible(f.commit.message) : '',
      visible(f.secret),
      f.verification?.status ?? '',
      f.decoded ? f.decoded.join(' → ') : '',
      f.fingerprint,
    ];
  });
  return { severities: SEVERITIES, rules: ruleList, repos: repoList, rows, fix: FIX_HINT };
}

const CSS = `
:root{--fg:#1d232b;--muted:#5b6673;--line:#dde2e8;--bg:#f6f7f9;--card:#fff;--accent:#3b6fd1}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:18px 24px;background:#1d232b;color:#fff}header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#c9d1db}
main{padding:16px 24px;max-width:1500px;margin:auto}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}.card.wide{grid-column:1/-1}
h2{font-size:15px;margin:0 0 8px}.bars{list-style:none;margin:0;padding:0}.bars li{margin:2px 0}
.bar{display:grid;grid-template-columns:minmax(90px,48%) 1fr 48px;align-items:center;gap:8px;width:100%;border:0;background:none;padding:2px 0;font:inherit;color:inherit;cursor:pointer;text-align:left}
.bar:hover .label{text-decoration:underline}.label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.track{background:#eef1f5;border-radius:3px;height:12px}.fill{display:block;height:12px;border-radius:3px}
.n{text-align:right;font-variant-numeric:tabular-nums}.more,.none,.note{color:var(--muted)}.bad{color:#b3001b}.failed{margin:6px 0 0;padding-left:18px}
svg.timeline{width:100%;height:140px;display:block}svg.timeline rect{fill:var(--accent)}svg.timeline text{font-size:11px;fill:var(--muted)}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:6px 0 10px}.controls input,.controls select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
.controls input{flex:1 1 260px}#count{color:var(--muted);margin-left:auto}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);table-layout:fixed}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#eef1f5;font-weight:600;position:sticky;top:0}
tr.f{cursor:pointer}tr.f:hover{background:#f3f6fb}tr.open{background:#eef3fc}td.d{background:#fafbfc;padding:10px 14px}
.sev{display:inline-block;padding:1px 7px;border-radius:10px;color:#fff;font-size:12px}
.sev0{background:${SEVERITY_COLOR.critical}}.sev1{background:${SEVERITY_COLOR.high}}.sev2{background:${SEVERITY_COLOR.medium};color:#1d232b}.sev3{background:${SEVERITY_COLOR.low}}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 14px;margin:0}dt{color:var(--muted)}dd{margin:0}
#more{margin:10px auto;display:block;font:inherit;padding:6px 14px}.v-live{color:#b3001b;font-weight:600}.v-invalid{color:#2f7d32}
`;

// The page's script: filters, search and a page of rows at a time, built with textContent only.
const SCRIPT = `
(function(){
var D=JSON.parse(document.getElementById('keyhound-data').textContent);
var SEV=D.severities,rows=D.rows,hasRepo=D.repos.length>0,hasVer=rows.some(function(r){return r[13]});
var $=function(id){return document.getElementById(id)};
var q=$('q'),fp=$('f-provider'),fr=$('f-repository'),fs=$('f-severity'),fv=$('f-verification'),body=$('rows'),count=$('count'),more=$('more');
var PAGE=500,shown=PAGE,match=[];
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=String(text);return e}
function options(sel,values){values.forEach(function(v){var o=el('option',null,v[1]);o.value=v[0];sel.appendChild(o)})}
function uniq(f){var s={};rows.forEach(function(r){s[f(r)]=1});return Object.keys(s).sort()}
options(fp,uniq(function(r){return r[1]}).map(function(v){return [v,v]}));
options(fs,SEV.map(function(s,i){return [String(i),s]}));
if(hasRepo){options(fr,D.repos.map(function(r,i){return [String(i),r[0]]}).sort(function(a,b){return a[1]<b[1]?-1:1}))}else{fr.remove();document.querySelectorAll('.c-repo').forEach(function(e){e.remove()})}
if(hasVer){options(fv,uniq(function(r){return r[13]||'none'}).map(function(v){return [v,v]}))}else{fv.remove();document.querySelectorAll('.c-ver').forEach(function(e){e.remove()})}
var hay=rows.map(function(r){var rule=D.rules[r[2]],repo=r[3]>=0?D.repos[r[3]]:['',''];return [SEV[r[0]],r[1],rule[0],rule[1],repo[0],repo[1],r[4],r[7],r[8],r[9],r[11],r[13],r[15]].join('\\n').toLowerCase()});
function apply(){
  var t=q.value.trim().toLowerCase(),p=fp.value,rp=fr.value,s=fs.value,v=fv.value;match=[];
  for(var i=0;i<rows.length;i++){var r=rows[i];
    if(p&&r[1]!==p)continue;if(rp&&String(r[3])!==rp)continue;if(s&&String(r[0])!==s)continue;if(v&&(r[13]||'none')!==v)continue;
    if(t&&hay[i].indexOf(t)<0)continue;match.push(i)}
  shown=PAGE;render()}
function detail(r){
  var rule=D.rules[r[2]],td=el('td','d'),dl=el('dl');td.colSpan=hasRepo?(hasVer?9:8):(hasVer?8:7);
  function item(k,v,mono){if(!v&&v!==0)return;dl.appendChild(el('dt',null,k));dl.appendChild(el('dd',mono?'mono':null,v))}
  item('Rule',rule[0]+' — '+rule[1]);if(r[3]>=0){item('Repository',D.repos[r[3]][0]);item('URL',D.repos[r[3]][1],true)}
  item('File',r[4]+':'+r[5]+':'+r[6],true);item('Secret',r[12]+' (redacted unless the report was made with --no-redact)',true);
  if(r[14])item('Encoded as',r[14]);if(r[7]){item('Commit',r[7],true);item('Author',r[8]+(r[9]?' <'+r[9]+'>':''));item('Date',r[10]);item('Message',r[11])}
  if(r[13])item('Verification',r[13]);item('Fingerprint',r[15],true);
  dl.appendChild(el('dt',null,'How to fix'));var fix=el('dd',null,D.fix);
  rule[2].forEach(function(u){if(/^https:\\/\\//.test(u)){var a=el('a',null,u);a.href=u;a.rel='noopener noreferrer';a.target='_blank';fix.appendChild(document.createElement('br'));fix.appendChild(a)}});
  dl.appendChild(fix);td.appendChild(dl);var tr=el('tr','dr');tr.appendChild(td);return tr}
function row(i){
  var r=rows[i],rule=D.rules[r[2]],tr=el('tr','f'),td;tr.dataset.i=i;
  td=el('td');td.appendChild(el('span','sev sev'+r[0],SEV[r[0]]));tr.appendChild(td);
  tr.appendChild(el('td',null,r[1]));tr.appendChild(el('td','mono',rule[0]));
  if(hasRepo)tr.appendChild(el('td','c-repo',r[3]>=0?D.repos[r[3]][0]:''));
  tr.appendChild(el('td','mono',r[4]+':'+r[5]));tr.appendChild(el('td','mono',r[7]?r[7].slice(0,10):''));
  tr.appendChild(el('td',null,r[8]?r[8]+' · '+r[10].slice(0,10):''));tr.appendChild(el('td','mono secret',r[12]));
  if(hasVer){var v=r[13]||'';tr.appendChild(el('td','c-ver v-'+v,v))}
  tr.addEventListener('click',function(){var n=tr.nextSibling;if(n&&n.className==='dr'){n.remove();tr.classList.remove('open')}else{tr.after(detail(r));tr.classList.add('open')}});
  return tr}
function render(){
  var frag=document.createDocumentFragment(),n=Math.min(shown,match.length);
  for(var k=0;k<n;k++)frag.appendChild(row(match[k]));
  body.replaceChildren(frag);
  count.textContent='Showing '+n.toLocaleString('en-US')+' of '+match.length.toLocaleString('en-US')+' matching ('+rows.length.toLocaleString('en-US')+' findings)';
  more.hidden=match.length<=n}
more.addEventListener('click',function(){shown+=PAGE;render()});
var timer;q.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(apply,120)});
[fp,fr,fs,fv].forEach(function(s){s.addEventListener('change',apply)});
document.querySelectorAll('button.bar').forEach(function(b){b.addEventListener('click',function(){
  var f=b.dataset.filter,v=b.dataset.value,sel=f==='provider'?fp:f==='repository'?fr:fs;
  if(f==='repository'){for(var i=0;i<D.repos.length;i++)if(D.repos[i][0]===v){v=String(i);break}}
  if(f==='severity')v=String(SEV.indexOf(v));sel.value=v;apply();$('findings').scrollIntoView()})});
apply();
})();
`;

export function htmlReport(findings: readonly Finding[], meta: ReportMeta): string {
  const s = meta.stats;
  const repos = meta.repositories;
  const repoCount = repos?.length ?? new Set(findings.filter((f) => f.repository).map((f) => `${f.repository!.name}\0${f.repository!.url}`)).size;
  const title = `keyhound report: ${plural(findings.length, 'secret')}${repoCount ? ` in ${plural(repoCount, 'repository', 'repositories')}` : ''}`;
  const bySeverity = SEVERITIES.map((sev) => [sev, findings.filter((f) => f.severity === sev).length] as [string, number]);
  const byProvider = countBy(findings, (f) => f.provider ?? 'other');
  const byRepo = countBy(
    findings.filter((f) => f.repository),
    (f) => f.repository!.name,
  );
  const data = tableData(findings, meta.rules ?? []);
  const summary =
    `${plural(s.files, 'file')} or blob${s.files === 1 ? '' : 's'} scanned, ${s.skipped.toLocaleString('en-US')} skipped, ` +
    `in ${(s.durationMs / 1000).toFixed(1)} s · ${escapeHtml(meta.tool.name)} ${escapeHtml(meta.tool.version)}`;
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${summary}. Secrets are shown redacted: a few leading characters, then …</p></header>
<main>
<div class="grid">
${barCard('By severity', bySeverity, 'severity', 4, (label) => SEVERITY_COLOR[label as Severity] ?? '#888')}
${barCard('By provider', byProvider, 'provider')}
${byRepo.length || repos ? barCard('By repository', byRepo, 'repository') : ''}
${repos ? repositoriesCard(repos) : ''}
<section class="card wide"><h2>Commits that introduced keys</h2>${timeline(findings)}</section>
</div>
<section id="findings" class="card wide" style="margin-top:14px">
<h2>Findings</h2>
<div class="controls">
<input id="q" type="search" placeholder="Search file, rule, provider, repository, author, commit…" aria-label="Search">
<select id="f-provider" aria-label="Provider"><option value="">All providers</option></select>
<select id="f-repository" aria-label="Repository"><option value="">All repositories</option></select>
<select id="f-severity" aria-label="Severity"><option value="">All severities</option></select>
<select id="f-verification" aria-label="Verification"><option value="">Any verification</option></select>
<span id="count"></span>
</div>
<table>
<colgroup><col style="width:88px"><col style="width:110px"><col style="width:170px"><col class="c-repo" style="width:150px"><col><col style="width:96px"><col style="width:170px"><col style="width:90px"><col class="c-ver" style="width:90px"></colgroup>
<thead><tr><th>Severity</th><th>Provider</th><th>Rule</th><th class="c-repo">Repository</th><th>File:line</th><th>Commit</th><th>Author · date</th><th>Secret</th><th class="c-ver">Verified</th></tr></thead>
<tbody id="rows"></tbody>
</table>
<button id="more" type="button" hidden>Show more</button>
<noscript><p>The table needs JavaScript; the totals above do not. The JSON report (--format json) has the same findings.</p></noscript>
</section>
</main>
<script type="application/json" id="keyhound-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
