import { parseDrainTimeout } from './drain-timeout.js';

describe('parseDrainTimeout', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['2h', 7200],
    ['1d', 86400],
    ['1h30m', 5400],
    [' 2H ', 7200],
  ])('%s → %d s', (text, seconds) => {
    expect(parseDrainTimeout(text)).toBe(seconds);
  });
  it.each(['', '2', 'h', '2 h', '-1h', '1.5h', '0s', '2w', 'soon'])('rejects %p', (text) => {
    expect(parseDrainTimeout(text)).toBeNull();
  });
});
