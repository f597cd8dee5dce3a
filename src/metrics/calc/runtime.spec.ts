import { parseRuntimeSeconds } from './runtime.js';

describe('parseRuntimeSeconds', () => {
  it.each([
    ['90', 90],
    ['0', 0],
    ['30s', 30],
    ['30m', 1800],
    ['2h', 7200],
    ['1.5h', 5400],
    ['1d', 86400],
    ['1:00:00', 3600],
    ['10:30', 630],
    ['1-12:00:00', 129600],
    ['2-3', 183600],
    ['2-03:30', 185400],
  ])('%p → %p s', (text, seconds) => {
    expect(parseRuntimeSeconds(text)).toBe(seconds);
  });

  it.each(['', 'abc', '1:60', '1:00:75', '1-25:00:00', '-5', '5w', '1::2'])('%p → null', (text) => {
    expect(parseRuntimeSeconds(text)).toBeNull();
  });
});
