// Sums the suites' results into one closing line: "N passed, N failed[, N skipped]".
// A suite whose report is missing counts as one failure, so a crashed runner cannot pass.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the runner crashed or did not start)`);
    failed += 1;
    continue;
  }
  const text = readFileSync(file, 'utf8');
  let p = 0, f = 0, s = 0;
  if (file.endsWith('.json')) {
    const r = JSON.parse(text);
    p = r.numPassedTests; f = r.numFailedTests; s = r.numPendingTests + (r.numTodoTests ?? 0);
    // A file that fails outside its tests (it does not load, or a beforeAll such as the e2e
    // suite's Lab server start throws, leaving its tests skipped) must count as a failure.
    f += (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  } else {
    for (const m of text.matchAll(/<testsuite\b[^>]*>/g)) {
      const attr = (n) => Number(new RegExp(`\\b${n}="(\\d+)"`).exec(m[0])?.[1] ?? 0);
      const total = attr('tests'), fl = attr('failures') + attr('errors'), sk = attr('skipped');
      p += total - fl - sk; f += fl; s += sk;
    }
  }
  console.log(`${file}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p; failed += f; skipped += s;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
