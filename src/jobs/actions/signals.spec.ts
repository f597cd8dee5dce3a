import { isCancelSignal, normalizeSignal } from './signals.js';

describe('normalizeSignal', () => {
  it('accepts names with or without SIG and numbers', () => {
    expect(normalizeSignal('term')).toBe('SIGTERM');
    expect(normalizeSignal('SIGUSR1')).toBe('SIGUSR1');
    expect(normalizeSignal('9')).toBe('SIGKILL');
    expect(normalizeSignal('40')).toBe('40');
  });

  it('rejects unknown signals', () => {
    expect(normalizeSignal('SIGNOPE')).toBeNull();
    expect(normalizeSignal('0')).toBeNull();
    expect(normalizeSignal('65')).toBeNull();
    expect(normalizeSignal('')).toBeNull();
  });

  it('treats TERM and KILL as cancellation', () => {
    expect(isCancelSignal('SIGTERM')).toBe(true);
    expect(isCancelSignal('SIGKILL')).toBe(true);
    expect(isCancelSignal('SIGUSR1')).toBe(false);
  });
});
