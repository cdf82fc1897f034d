#!/usr/bin/env node
// Reads the report jest-junit wrote (test-reports/junit.xml) and prints one
// closing line with the counts. Fails when the run executed no test, or fewer
// test files than the repository holds: a green run must never mean that
// jest silently found nothing (for instance from a clone path it ignored).
const { execSync } = require('child_process');
const fs = require('fs');

const xml = fs.readFileSync('test-reports/junit.xml', 'utf8');
const attr = name => Number((xml.match(new RegExp(`<testsuites[^>]* ${name}="(\\d+)"`)) || [])[1] || 0);
const failed = attr('failures') + attr('errors');
const skipped = (xml.match(/<skipped\/>/g) || []).length;
const tests = attr('tests');
const suitesRun = (xml.match(/<testsuite /g) || []).length;
const suitesHeld = execSync("git ls-files '*.test.ts'", { encoding: 'utf8' }).split('\n').filter(Boolean).length;

console.log(`tests: ${tests - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
if (tests === 0 || suitesRun < suitesHeld) {
  console.error(`jest ran ${suitesRun} test files with ${tests} tests; the repository holds ${suitesHeld} test files`);
  process.exit(1);
}
if (skipped > 0) {
  console.error(`${skipped} tests were skipped: a skipped test does not count as passing`);
  process.exit(1);
}
