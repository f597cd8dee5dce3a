import { LeaderElection, type ElectionOptions } from './leader-election.js';
import { MemoryLockStore } from './testing/fakes.js';

describe('LeaderElection', () => {
  const clock = { now: 0 };
  let lock: MemoryLockStore;
  let log: string[];

  function candidate(owner: string, overrides: Partial<ElectionOptions> = {}) {
    const election = new LeaderElection(
      lock,
      {
        key: 'k',
        owner,
        ttlMs: 6000,
        retryMs: 1000,
        eligible: true,
        now: () => clock.now,
        ...overrides,
      },
      {
        elected: () => log.push(`${owner} elected`),
        deposed: (reason) => log.push(`${owner} deposed: ${reason}`),
        error: () => log.push(`${owner} error`),
      },
    );
    // Steps are driven by the test; `running` must be set for a follower to campaign.
    (election as unknown as { running: boolean }).running = true;
    return election;
  }

  beforeEach(() => {
    clock.now = 0;
    lock = new MemoryLockStore(clock);
    log = [];
  });

  it('elects exactly one of two processes', async () => {
    const a = candidate('a');
    const b = candidate('b');
    await a.step();
    await b.step();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    clock.now = 2000;
    await a.step();
    await b.step();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    expect(log).toEqual(['a elected']);
  });

  it('a follower takes over once a dead leader lock expires', async () => {
    const a = candidate('a');
    const b = candidate('b');
    await a.step();
    // a stops renewing (process killed); b keeps trying.
    clock.now = 5000;
    await b.step();
    expect(b.isLeader).toBe(false);
    clock.now = 6000;
    await b.step();
    expect(b.isLeader).toBe(true);
    // The old leader notices at its next renewal and steps down.
    await a.step();
    expect(a.isLeader).toBe(false);
    expect(log).toEqual(['a elected', 'b elected', 'a deposed: lock lost']);
  });

  it('a resigning leader frees the lock at once', async () => {
    const a = candidate('a');
    const b = candidate('b');
    await a.step();
    await a.stop();
    await b.step();
    expect(b.isLeader).toBe(true);
    expect(log).toEqual(['a elected', 'a deposed: shutdown', 'b elected']);
  });

  it('steps down when Redis stays unreachable for a whole TTL', async () => {
    const a = candidate('a');
    await a.step();
    lock.failing = true;
    clock.now = 2000;
    await a.step();
    expect(a.isLeader).toBe(true);
    clock.now = 6000;
    await a.step();
    expect(a.isLeader).toBe(false);
    expect(log).toEqual(['a elected', 'a error', 'a error', 'a deposed: lock expired']);
  });

  it('renewal keeps the lock alive past the first TTL', async () => {
    const a = candidate('a');
    const b = candidate('b');
    await a.step();
    for (clock.now = 2000; clock.now <= 20_000; clock.now += 2000) {
      await a.step();
      await b.step();
    }
    expect(a.isLeader).toBe(true);
    expect(b.isLeader).toBe(false);
  });

  it('a process that may not poll never campaigns', async () => {
    const reader = new LeaderElection(
      lock,
      { key: 'k', owner: 'r', ttlMs: 6000, retryMs: 1000, eligible: false },
      { elected: () => log.push('r elected'), deposed: () => undefined, error: () => undefined },
    );
    reader.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reader.isLeader).toBe(false);
    expect(lock.holder).toBeNull();
    await reader.stop();
  });

  it('campaigns on its own timer once started', async () => {
    const a = new LeaderElection(
      lock,
      { key: 'k', owner: 'a', ttlMs: 6000, retryMs: 5, eligible: true },
      { elected: () => log.push('a elected'), deposed: () => undefined, error: () => undefined },
    );
    lock.holder = 'someone';
    lock.expiresAt = 1;
    clock.now = 0;
    a.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.isLeader).toBe(false);
    clock.now = 2;
    a.kick();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.isLeader).toBe(true);
    await a.stop();
    expect(lock.holder).toBeNull();
  });
});
