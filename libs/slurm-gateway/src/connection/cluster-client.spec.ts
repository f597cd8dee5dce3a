import {
  fixtureItems,
  startFakeSlurmrestd,
  type FakeSlurmrestd,
  type FixtureCluster,
} from '../../test-fixtures/fixtures.js';
import { SlurmError } from '../slurm.error.js';
import { SlurmGateway } from '../slurm-gateway.js';

/** Ids of the jobs recorded last (earlier recordings may still be listed), per cluster. */
function recorded(cluster: FixtureCluster) {
  const jobs = fixtureItems(cluster, 'jobs', 'jobs');
  const id = (name: string, state: string) => {
    const raw = jobs.findLast((j) => {
      const s = Array.isArray(j.job_state) ? (j.job_state as string[])[0] : j.job_state;
      return j.name === name && s === state;
    });
    return String(raw?.job_id);
  };
  return {
    run: id('fx-run', 'RUNNING'),
    done: id('fx-done', 'COMPLETED'),
    fail: id('fx-fail', 'FAILED'),
  };
}

describe.each([
  ['legacy', 'v0.0.38', 'v0038', '22.05.8'],
  ['main', 'v0.0.42', 'v0040', '24.11.5'],
] as const)(
  'the whole client against recorded %s answers',
  (cluster, apiVersion, family, release) => {
    let fake: FakeSlurmrestd;
    let gateway: SlurmGateway;
    const ids = recorded(cluster);

    beforeAll(async () => {
      fake = await startFakeSlurmrestd(cluster);
      gateway = new SlurmGateway({
        clusters: [{ name: cluster, url: fake.url, token: 'static-token', slurmUser: 'slurm' }],
      });
    });

    afterAll(async () => {
      gateway.close();
      await fake.close();
    });

    it('discovers version and capabilities', async () => {
      const info = await gateway.client(cluster).info();
      expect(info).toEqual({
        name: cluster,
        slurmVersion: release,
        apiVersion,
        dbApiVersion: apiVersion,
        family,
        capabilities: {
          nodeUpdate: family === 'v0040' ? 'rest' : 'none',
          accounting: true,
          jobStateQuery: family === 'v0040',
        },
      });
    });

    it('lists jobs from the stream and reports "unchanged" for a later updateTime', async () => {
      const client = gateway.client(cluster);
      const list = await client.listJobs();
      expect(list.unchanged).toBe(false);
      expect(list.jobs.map((j) => j.name)).toEqual(
        fixtureItems(cluster, 'jobs', 'jobs').map((j) => j.name),
      );
      expect(list.lastUpdate).toBeGreaterThan(1_600_000_000);
      const again = await client.listJobs({ updateTime: list.lastUpdate ?? 0 });
      expect(again).toEqual({
        jobs: [],
        lastUpdate: list.lastUpdate,
        unchanged: true,
        warnings: [],
      });
    });

    it('gets one job, and not_found for an unknown one', async () => {
      const client = gateway.client(cluster);
      expect((await client.getJob(ids.run)).state).toBe('RUNNING');
      await expect(client.getJob('999999')).rejects.toMatchObject({
        kind: 'not_found',
        errorNumber: 2017,
        cluster,
      });
    });

    it('gets nodes and partitions; unknown ones are not_found', async () => {
      const client = gateway.client(cluster);
      expect((await client.getNode('gpu001')).gpusTotal).toBe(4);
      await expect(client.getNode('nosuch')).rejects.toMatchObject({ kind: 'not_found' });
      expect((await client.listNodes()).length).toBe(6);
      expect((await client.getPartition('debug')).maxTime).toBe(30);
      await expect(client.getPartition('nosuch')).rejects.toMatchObject({ kind: 'not_found' });
      expect((await client.listReservations()).map((r) => r.name)).toEqual(['fx_resv']);
    });

    it('reads accounting: users, accounts, QOS, history', async () => {
      const client = gateway.client(cluster);
      expect(await client.getUser('alice')).toMatchObject({
        defaultAccount: 'research',
        associations: [
          expect.objectContaining({ account: 'research', qos: expect.arrayContaining(['high']) }),
        ],
      });
      expect((await client.listUsers()).map((u) => u.name)).toEqual(
        expect.arrayContaining(['alice', 'bob', 'carol']),
      );
      expect((await client.listAccounts()).map((a) => a.name)).toContain('physics');
      expect((await client.listQos()).map((q) => q.name)).toEqual(
        expect.arrayContaining(['normal', 'high']),
      );
      const history = await client.listJobHistory({ startTime: 1, endTime: 2, users: ['bob'] });
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((r) => r.user === 'bob')).toBe(true);
      expect(new Set(history.map((r) => r.id)).size).toBe(history.length);
      expect((await client.getJobHistory(ids.done))?.maxRssMb).toBeGreaterThan(50);
      // dbv0.0.38 reports 0 for a job that exited 3: unknown rather than wrong.
      expect((await client.getJobHistory(ids.fail))?.exitCode).toBe(family === 'v0040' ? 3 : null);
      const query = fake.requests.find(
        (r) => r.url.includes('/jobs') && r.url.includes('start_time'),
      );
      expect(query?.url).toContain('start_time=uts1');
    });

    it('submits as the acting user and keeps pending reasons as warnings', async () => {
      const result = await gateway.client(cluster, 'alice').submitJob({
        script: '#!/bin/sh\nsleep 60\n',
        workingDirectory: '/tmp',
        hold: true,
      });
      expect(result.jobId).toMatch(/^\d+$/);
      expect(result.stepId).toBe('batch');
      expect(result.warnings.join(' ')).toMatch(/held state/);
      expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', user: 'alice' });
    });

    it('maps Slurm refusals to kinds', async () => {
      const alice = gateway.client(cluster, 'alice');
      await expect(
        alice.submitJob({ script: '#!/bin/sh\n', workingDirectory: '/tmp', partition: 'nosuch' }),
      ).rejects.toMatchObject({ kind: 'invalid', errorNumber: 2000 });
      await expect(alice.updateJob(ids.run, { priority: 99999 })).rejects.toMatchObject({
        kind: 'unauthorized',
        errorNumber: 2002,
      });
      const err: unknown = await gateway
        .client(cluster, 'bob')
        .cancelJob(ids.run)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SlurmError);
      expect(err).toMatchObject({ kind: 'unauthorized', errorNumber: 2002 });
    });

    it('answers job state queries where slurmrestd has them', async () => {
      const states = gateway.client(cluster).jobStates([ids.run]);
      if (family === 'v0040') {
        expect((await states).find((s) => s.id === ids.run)?.state).toBe('RUNNING');
        expect(fake.requests.at(-1)?.url).toContain(`job_id=${ids.run}`);
      } else {
        await expect(states).rejects.toMatchObject({ kind: 'invalid' });
      }
    });
  },
);

describe('node updates and requeue through scontrol', () => {
  let fake: FakeSlurmrestd;
  afterEach(async () => fake.close());

  it('runs scontrol for the service user and refuses a plain user', async () => {
    fake = await startFakeSlurmrestd('legacy');
    const gateway = new SlurmGateway({
      clusters: [{ name: 'legacy', url: fake.url, token: 't', scontrol: '/bin/echo' }],
    });
    expect((await gateway.client('legacy').info()).capabilities.nodeUpdate).toBe('scontrol');
    const done = await gateway
      .client('legacy')
      .updateNode('node004', { state: 'DRAIN', reason: 'x y' });
    expect(done.warnings).toEqual(['update nodename=node004 state=DRAIN reason=x y']);
    // alice has admin level None in accounting: slurmctld would refuse, so does the gateway.
    await expect(
      gateway.client('legacy', 'alice').updateNode('node004', { state: 'RESUME' }),
    ).rejects.toMatchObject({ kind: 'unauthorized', errorNumber: 2002 });
    gateway.close();
  });

  it('says a cluster without scontrol cannot requeue', async () => {
    fake = await startFakeSlurmrestd('main');
    const gateway = new SlurmGateway({ clusters: [{ name: 'main', url: fake.url, token: 't' }] });
    await expect(gateway.client('main').requeueJob('1')).rejects.toMatchObject({ kind: 'invalid' });
    expect(() => gateway.client('other')).toThrow(SlurmError);
    expect(gateway.clusterNames()).toEqual(['main']);
    expect(gateway.defaultCluster()).toBe('main');
    gateway.close();
  });
});
