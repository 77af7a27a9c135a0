import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, progressLine } from './progress.js';

test('progress line: count, rate and time left', () => {
  assert.equal(progressLine(50, 200, 10), '50/200 articles  5.0/s  ETA 30s');
  assert.equal(progressLine(1200, 5000, 60), '1200/5000 articles  20/s  ETA 3m10s');
  assert.equal(progressLine(5000, 5000, 100), '5000/5000 articles  50/s  ETA 0s');
  assert.equal(progressLine(0, 10, 0), '0/10 articles  0.0/s  ETA ?');
  assert.equal(duration(3725), '1h02m');
});
