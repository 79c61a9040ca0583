// Electron security lint: runs Electronegativity (@doyensec/electronegativity) over what runs inside
// Electron (electron/, renderer/, shared/ and package.json) and fails on every finding of MEDIUM
// severity or above with FIRM confidence or above, unless electron/security-accepted-findings.json
// justifies it. Electronegativity's own CLI exits 0 whatever it finds, so this script reads its
// findings instead of trusting its exit code. An accepted entry names the check, the file and text
// of the flagged line, so it covers that one finding and not a new one elsewhere in the file.
//
//   node scripts/check-electronegativity.mjs [--root <repo copy>] [--report <file.json>]
//
// Exit 1 when: an unaccepted finding is at or above the threshold, an accepted entry no longer
// matches any finding (stale justifications must be removed), a scanned file could not be parsed
// (it would have gone unchecked), the accepted-findings file is malformed, or a source silences a
// check inline with an `eng-disable` comment (justifications belong in the checked-in file).
//
// Offline by construction: the tool fetches translations and Electron's release list over the
// network; the release check is excluded and its HTTP client is replaced by one that fails at once.
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCANNED_PATHS = ['electron', 'renderer', 'shared', 'package.json'];
const ACCEPTED_FILE = 'electron/security-accepted-findings.json';
const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
const CONFIDENCE_RANK = { TENTATIVE: 0, FIRM: 1, CERTAIN: 2 };
const MIN_SEVERITY = 'MEDIUM';
const MIN_CONFIDENCE = 'FIRM';
// Needs the network (GitHub's Electron release list); `npm audit` and Dependabot cover releases.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const MIN_REASON_LENGTH = 40;

function parseArgs(argv) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = { root: repoRoot, report: path.join(os.tmpdir(), 'electronegativity-report.json') };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if ((argv[i] === '--root' || argv[i] === '--report') && value !== undefined) {
      args[argv[i].slice(2)] = path.resolve(value);
      i++;
    } else {
      throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return args;
}

function loadElectronegativity(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const packageDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  // Every network call of the tool goes through `got`; an immediately failing stand-in keeps the
  // run offline and fast (it falls back to its bundled en-US texts).
  const gotPath = createRequire(path.join(packageDir, 'dist', 'locales', 'i18n.js')).resolve('got');
  const offlineGot = () => Promise.reject(new Error('electronegativity runs offline here'));
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offlineGot };
  const runner = require(path.join(packageDir, 'dist', 'runner.js'));
  return typeof runner === 'function' ? runner : runner.default;
}

function electronVersion(root) {
  const require = createRequire(path.join(root, 'package.json'));
  try {
    return require('electron/package.json').version;
  } catch {
    return undefined;
  }
}

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/** Copies the scanned paths into a temporary folder, so tests, scripts and builds are not scanned. */
async function stage(root) {
  const stageDir = await mkdtemp(path.join(os.tmpdir(), 'electronegativity-'));
  for (const relative of SCANNED_PATHS) {
    const source = path.join(root, relative);
    const exists = await stat(source).then(() => true, () => false);
    if (exists) await cp(source, path.join(stageDir, relative), { recursive: true });
  }
  return stageDir;
}

async function findInlineSuppressions(stageDir) {
  const found = [];
  for (const file of await filesUnder(stageDir)) {
    if (!/\.(?:[cm]?[jt]sx?|html?)$/.test(file)) continue;
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      if (/eng-disable/.test(line)) found.push(`${path.relative(stageDir, file).split(path.sep).join('/')}:${i + 1}`);
    });
  }
  return found;
}

async function loadAccepted(root) {
  const file = path.join(root, ACCEPTED_FILE);
  const problems = [];
  let json;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { entries: [], problems: [`${ACCEPTED_FILE}: cannot read (${error.message})`] };
  }
  const entries = Array.isArray(json?.accepted) ? json.accepted : null;
  if (entries === null) return { entries: [], problems: [`${ACCEPTED_FILE}: expected { "accepted": [ ... ] }`] };
  entries.forEach((entry, i) => {
    const where = `${ACCEPTED_FILE} accepted[${i}]`;
    if (typeof entry?.check !== 'string' || !/^[A-Z0-9_]+$/.test(entry.check)) problems.push(`${where}: "check" must be a check id such as SANDBOX_JS_CHECK`);
    if (typeof entry?.file !== 'string' || entry.file === '') problems.push(`${where}: "file" must be a repository-relative path`);
    // The flagged line, so that an accepted finding does not also cover a new one in the same file.
    if (typeof entry?.code !== 'string' || entry.code.trim() === '') problems.push(`${where}: "code" must be text of the flagged source line`);
    if (typeof entry?.reason !== 'string' || entry.reason.trim().length < MIN_REASON_LENGTH) {
      problems.push(`${where}: "reason" must justify the finding (at least ${MIN_REASON_LENGTH} characters)`);
    }
  });
  return { entries, problems };
}

function isAtOrAboveThreshold(finding) {
  return (SEVERITY_RANK[finding.severity] ?? SEVERITY_RANK.CRITICAL) >= SEVERITY_RANK[MIN_SEVERITY]
    && (CONFIDENCE_RANK[finding.confidence] ?? CONFIDENCE_RANK.CERTAIN) >= CONFIDENCE_RANK[MIN_CONFIDENCE];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const run = loadElectronegativity(args.root);
  const stageDir = await stage(args.root);
  let result;
  let suppressions;
  const log = console.log;
  // The tool reports the translation download it was not allowed to make; that is expected here.
  console.log = (...parts) => {
    if (!String(parts[0]).startsWith('Could not retrieve updated translations')) log(...parts);
  };
  try {
    suppressions = await findInlineSuppressions(stageDir);
    result = await run({
      input: stageDir,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      parserPlugins: [],
      electronVersionOverride: electronVersion(args.root),
    }, false);
  } finally {
    console.log = log;
    await rm(stageDir, { recursive: true, force: true });
  }

  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: String(issue.file).split(path.sep).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? 'CRITICAL',
    confidence: issue.confidence?.name ?? 'CERTAIN',
    isManualReview: issue.manualReview === true,
    description: issue.description ?? '',
    sample: String(issue.sample ?? ''),
  }));
  const parseErrors = result.errors.filter((e) => !e.tolerable).map((e) => `${path.relative(stageDir, e.file)}: ${e.message}`);
  const { entries: accepted, problems } = await loadAccepted(args.root);

  const matches = (entry, finding) => entry.check === finding.check && entry.file === finding.file && finding.sample.includes(entry.code);
  const isAccepted = (finding) => accepted.some((a) => matches(a, finding));
  const gating = findings.filter(isAtOrAboveThreshold);
  const failing = gating.filter((f) => !isAccepted(f));
  const stale = accepted.filter((a) => !gating.some((f) => matches(a, f)));

  await writeFile(args.report, JSON.stringify({ electronVersion: electronVersion(args.root), scanned: SCANNED_PATHS, threshold: { severity: MIN_SEVERITY, confidence: MIN_CONFIDENCE }, findings, parseErrors }, null, 2));

  const describe = (f) => `  ${f.check} [${f.severity}/${f.confidence}] ${f.file}:${f.line}:${f.column}  ${f.description}`;
  console.log(`electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${SCANNED_PATHS.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${findings.length} findings, ${gating.length} at or above ${MIN_SEVERITY}/${MIN_CONFIDENCE} (report: ${args.report})`);
  for (const f of gating.filter(isAccepted)) console.log(`accepted (see ${ACCEPTED_FILE}):\n${describe(f)}`);

  const failures = [
    ...failing.map((f) => `finding not accepted:\n${describe(f)}`),
    ...stale.map((a) => `stale entry in ${ACCEPTED_FILE}: ${a.check} in ${a.file} at "${a.code}" no longer matches a finding; remove or update it`),
    ...parseErrors.map((e) => `could not parse (the file went unchecked): ${e}`),
    ...problems,
    ...suppressions.map((where) => `inline "eng-disable" at ${where}: justify the finding in ${ACCEPTED_FILE} instead`),
  ];
  if (failures.length > 0) {
    for (const failure of failures) console.error(`electronegativity: ${failure}`);
    console.error(`electronegativity: FAILED (${failures.length} problem${failures.length === 1 ? '' : 's'})`);
    process.exitCode = 1;
  } else {
    console.log('electronegativity: OK');
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
