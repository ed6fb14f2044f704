/** Uncaught exceptions a test expects, collected instead of failing the run. */
import type { Test } from 'tap';

/**
 * Collects what is thrown as an uncaught exception until the test ends. Node hands such an
 * exception to this callback instead of the 'uncaughtException' listeners (tap's among them), so
 * the test can assert on it; anything else thrown meanwhile lands here too and fails the assertion.
 */
export function captureUncaught(t: Test): unknown[] {
  const uncaught: unknown[] = [];
  process.setUncaughtExceptionCaptureCallback((error) => uncaught.push(error));
  t.teardown(() => process.setUncaughtExceptionCaptureCallback(null));
  return uncaught;
}
