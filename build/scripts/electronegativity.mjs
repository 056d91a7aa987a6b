#!/usr/bin/env node
// Runs Doyensec's Electronegativity over electron/ (main + preload) and fails on any finding of
// MEDIUM severity or above, or on any file it could not parse (an unparsed file is an unchecked file).
// Usage: node build/scripts/electronegativity.mjs [--online] [folder]   (folder defaults to electron/)
//   --online  also run AvailableSecurityFixesGlobalCheck, which downloads Electron's release list
//             from GitHub. Off by default: this project builds and tests offline, and that check
//             has no network timeout of its own.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const folderArgument = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const input = folderArgument ? path.resolve(folderArgument) : path.join(root, 'electron');
const label = path.relative(root, input).split(path.sep).join('/') || '.';
const online = process.argv.includes('--online');
const TIMEOUT_MS = 180_000;

const watchdog = setTimeout(() => {
  console.error(`Electronegativity 在 ${TIMEOUT_MS / 1000} 秒内没有完成，已中止。/ timed out.`);
  process.exit(1);
}, TIMEOUT_MS);
watchdog.unref();

const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

const result = await run({
  input,
  output: undefined,
  isSarif: false,
  customScan: [],
  excludeFromScan: online ? [] : ['AvailableSecurityFixesGlobalCheck'],
  severitySet: undefined,
  confidenceSet: undefined,
  isRelative: true,
  electronUpgrade: undefined,
  // The scanned folder has no package.json; tell the checks which Electron we ship.
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});

const MEDIUM = 2;
const severityValue = (issue) => issue.severity?.value ?? 0;
const issues = [...result.issues].sort((a, b) => severityValue(b) - severityValue(a));
const blocking = issues.filter((issue) => severityValue(issue) >= MEDIUM);
const parseErrors = result.errors.filter((error) => !error.tolerable);

for (const issue of issues) {
  const where =
    issue.file === 'N/A'
      ? '(global)'
      : `${label}/${issue.file}:${issue.location.line}:${issue.location.column}`;
  const flag = severityValue(issue) >= MEDIUM ? '✗' : '·';
  console.log(
    `${flag} ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}  ${where}\n    ${issue.description}` +
      `${issue.manualReview ? ' (manual review)' : ''}${issue.shortenedURL ? `  ${issue.shortenedURL}` : ''}`,
  );
}
for (const error of result.errors) {
  console.log(
    `${error.tolerable ? '·' : '✗'} 解析${error.tolerable ? '警告' : '失败'} ${error.file}: ${error.message}`,
  );
}

const checks = result.globalChecks + result.atomicChecks;
const others = issues.length - blocking.length;
if (blocking.length > 0 || parseErrors.length > 0) {
  console.error(
    `Electronegativity：${checks} 项检查，发现 ${blocking.length} 个中危及以上问题` +
      `${parseErrors.length > 0 ? `，${parseErrors.length} 个文件无法解析` : ''}，请修复后再提交。` +
      ` / ${blocking.length} finding(s) of MEDIUM or above, ${parseErrors.length} parse error(s).`,
  );
  process.exit(1);
}
console.log(
  `Electronegativity：${checks} 项检查，没有中危及以上问题（低危/提示 ${others} 个）。` +
    ` / ${checks} checks, no MEDIUM+ findings (${others} low/informational).`,
);
