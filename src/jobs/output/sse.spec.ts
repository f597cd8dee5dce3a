import { toSse } from './sse.js';

describe('toSse', () => {
  it('renders one event per output event', () => {
    expect(toSse({ type: 'open', jobId: '7', stream: 'output', path: '/tmp/x' })).toBe(
      'event: open\ndata: {"job_id":"7","stream":"output","path":"/tmp/x"}\n\n',
    );
    expect(toSse({ type: 'line', line: 'tick 1' })).toBe('event: line\ndata: tick 1\n\n');
    expect(toSse({ type: 'reset' })).toBe('event: reset\ndata: {}\n\n');
    expect(toSse({ type: 'end', state: 'COMPLETED' })).toBe(
      'event: end\ndata: {"state":"COMPLETED"}\n\n',
    );
  });
});
