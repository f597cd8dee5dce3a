#!/usr/bin/env node
/**
 * Summary of a scripts/test.sh run, from Jest's --json result files.
 *
 *   node scripts/test-summary.cjs .stack/test-results/unit.json .stack/test-results/e2e.json
 *
 * Environment (set by scripts/test.sh): S9S_FAILED_STEPS (space separated step names),
 * S9S_ELAPSED (seconds since the run started).
 * The last line is `tests: N passed, N failed`; a suite that could not run at all counts as
 * one failed test, so a broken spec file can never look like a green run.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** @param {string} file */
function readResults(file) {
  const label = path.basename(file, '.json');
  if (!fs.existsSync(file)) {
    return { label, missing: true, passed: 0, failed: 0, failedSuites: [] };
  }
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const failedSuites = (json.testResults || [])
    .filter((suite) => suite.status === 'failed')
    .map((suite) => path.relative(process.cwd(), suite.name));
  return {
    label,
    missing: false,
    passed: json.numPassedTests || 0,
    failed: (json.numFailedTests || 0) + (json.numRuntimeErrorTestSuites || 0),
    failedSuites,
  };
}

function main() {
  const files = process.argv.slice(2);
  const results = files.map(readResults);
  const failedSteps = (process.env.S9S_FAILED_STEPS || '').split(' ').filter(Boolean);
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (r.missing) {
      console.log(`${r.label}: no results (${r.label}.json was not written)`);
      continue;
    }
    console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed`);
    for (const suite of r.failedSuites) console.log(`  failed suite: ${suite}`);
    passed += r.passed;
    failed += r.failed;
  }
  if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
  console.log(`total time: ${process.env.S9S_ELAPSED || '?'} s`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
}

main();
