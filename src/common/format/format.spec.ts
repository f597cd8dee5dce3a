import {
  formatDuration,
  formatMemory,
  formatMinutes,
  parseDuration,
  parseIsoToEpoch,
  parseMemory,
  toIso,
} from './index.js';

describe('formatDuration', () => {
  it.each([
    [0, '0:00:00'],
    [59, '0:00:59'],
    [8130, '2:15:30'],
    [14_400, '4:00:00'],
    [86_399, '23:59:59'],
    [86_400, '1-00:00:00'],
    [129_600, '1-12:00:00'],
    [604_800, '7-00:00:00'],
    [8130.9, '2:15:30'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('keeps null and clamps nonsense to zero', () => {
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(undefined)).toBeNull();
    expect(formatDuration(-5)).toBe('0:00:00');
    expect(formatDuration(Number.NaN)).toBe('0:00:00');
  });

  it('formats minutes (time limits)', () => {
    expect(formatMinutes(240)).toBe('4:00:00');
    expect(formatMinutes(10_080)).toBe('7-00:00:00');
    expect(formatMinutes(null)).toBeNull();
  });
});

describe('parseDuration', () => {
  it.each([
    ['30', 30],
    ['4:00:00', 240],
    ['1:00:00', 60],
    ['1:30', 2],
    ['10:00', 10],
    ['1-12:00:00', 2160],
    ['2-0', 2880],
    ['1-2:30', 1590],
    [' 0:30:00 ', 30],
  ])('%s → %s minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', 'abc', '1:2:3:4', '1:60', '-5', '4h', '1-'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatMemory / parseMemory', () => {
  it.each([
    [131_072, '128GB'],
    [512, '512MB'],
    [1024, '1GB'],
    [1536, '1.5GB'],
    [91_136, '89GB'],
    [2 * 1024 * 1024, '2TB'],
    [0, '0MB'],
  ])('%s MB → %s', (mb, text) => {
    expect(formatMemory(mb)).toBe(text);
  });

  it('keeps null', () => {
    expect(formatMemory(null)).toBeNull();
  });

  it.each([
    ['64GB', 65_536],
    ['64G', 65_536],
    ['64gb', 65_536],
    ['512MB', 512],
    ['512M', 512],
    ['2048', 2048],
    ['1.5T', 1_572_864],
    ['1GiB', 1024],
    ['1024K', 1],
  ])('%s → %s MB', (text, mb) => {
    expect(parseMemory(text)).toBe(mb);
  });

  it.each(['', 'GB', '12XB', '-1G', 'lots'])('rejects %j', (text) => {
    expect(parseMemory(text)).toBeNull();
  });

  it('round-trips what it prints', () => {
    for (const mb of [512, 1024, 65_536, 131_072]) {
      expect(parseMemory(formatMemory(mb))).toBe(mb);
    }
  });
});

describe('toIso', () => {
  it('prints UTC with Z and no milliseconds', () => {
    expect(toIso(1_702_636_200)).toBe('2023-12-15T10:30:00Z');
    expect(toIso(1_702_636_200.75)).toBe('2023-12-15T10:30:00Z');
  });

  it('treats unset times as null', () => {
    expect(toIso(null)).toBeNull();
    expect(toIso(undefined)).toBeNull();
    expect(toIso(0)).toBeNull();
  });

  it('parses ISO 8601 and epoch digits back', () => {
    expect(parseIsoToEpoch('2023-12-15T10:30:00Z')).toBe(1_702_636_200);
    expect(parseIsoToEpoch('1702636200')).toBe(1_702_636_200);
    expect(parseIsoToEpoch('yesterday')).toBeNull();
  });
});
