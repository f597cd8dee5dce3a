import { compressHostlist, expandHostlist } from './hostlist.js';

describe('expandHostlist', () => {
  it.each([
    ['node001', ['node001']],
    ['gpu[001-002]', ['gpu001', 'gpu002']],
    ['node[001-002,004],gpu001', ['node001', 'node002', 'node004', 'gpu001']],
    ['n[8-11]', ['n8', 'n9', 'n10', 'n11']],
    ['rack[1-2]-n[01-02]', ['rack1-n01', 'rack1-n02', 'rack2-n01', 'rack2-n02']],
    ['a, b', ['a', 'b']],
    ['', []],
    ['(null)', []],
    ['None', []],
  ])('%s', (expression, expected) => {
    expect(expandHostlist(expression)).toEqual(expected);
  });

  it('treats null and undefined as empty', () => {
    expect(expandHostlist(null)).toEqual([]);
    expect(expandHostlist(undefined)).toEqual([]);
  });
});

describe('compressHostlist', () => {
  it('compresses runs and keeps padding', () => {
    expect(compressHostlist(['node001', 'node002', 'node004', 'gpu001', 'login'])).toBe(
      'node[001-002,004],gpu001,login',
    );
  });

  it('round-trips with expandHostlist', () => {
    const names = ['gpu001', 'gpu002', 'node001', 'node002', 'node003'];
    expect(expandHostlist(compressHostlist(names))).toEqual(names);
  });
});
