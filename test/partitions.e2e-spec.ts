/**
 * GET /v1/partitions and /v1/partitions/{name} on both clusters, against scontrol/sinfo.
 */
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import {
  apiDuration,
  nodeState,
  parseScontrol,
  scontrolSeconds,
  type ScontrolRecord,
} from './helpers/scontrol.js';
import { CLUSTERS, slurmCli, waitFor } from './helpers/slurm-cli.js';

let api: ApiServer;
let reader: ReturnType<typeof client>;

beforeAll(async () => {
  api = await startApi();
  const admin = adminApi(api.url, await createAdminKey());
  const { apiKey } = await admin.principal('user', 'alice', { scopes: ['nodes:read'] });
  reader = client(api.url, { apiKey });
});

afterAll(async () => {
  await api?.stop();
});

async function scontrol(cluster: string, what: 'partition' | 'node') {
  return parseScontrol(await slurmCli(cluster, ['scontrol', 'show', what, '-o']));
}

/** Node names of a partition, expanded by sinfo (no hostlist parsing in the test). */
async function partitionNodes(cluster: string, partition: string): Promise<string[]> {
  const out = await slurmCli(cluster, ['sinfo', '-h', '-N', '-p', partition, '-o', '%N']);
  return [...new Set(out.trim().split('\n'))].sort();
}

/** The live part of a partition view, computed from scontrol node records and sinfo. */
async function liveCounts(cluster: string, partition: string) {
  const names = new Set(await partitionNodes(cluster, partition));
  const nodes = (await scontrol(cluster, 'node')).filter((r) => names.has(r.NodeName));
  const states = nodes.map((r) => nodeState(r.State));
  const [alloc] = (await slurmCli(cluster, ['sinfo', '-h', '-p', partition, '-o', '%C']))
    .trim()
    .split('/');
  return {
    nodes_idle: states.filter((s) => s.base === 'IDLE' && !s.flags.includes('DRAIN')).length,
    nodes_allocated: states.filter((s) => s.base === 'ALLOCATED').length,
    nodes_mixed: states.filter((s) => s.base === 'MIXED').length,
    cpus_allocated: Number(alloc),
  };
}

describe.each(CLUSTERS)('partitions on %s', (cluster) => {
  it('lists every partition with the definition scontrol shows', async () => {
    const expected = await scontrol(cluster, 'partition');
    const nodeRecords = await scontrol(cluster, 'node');
    const res = await reader.get(`/v1/partitions?cluster=${cluster}`);
    expect(res.status).toBe(200);
    expect(res.body.partitions.map((p: { name: string }) => p.name)).toEqual(
      expected.map((p) => p.PartitionName),
    );
    for (const p of expected) {
      const view = res.body.partitions.find((v: { name: string }) => v.name === p.PartitionName);
      const names = new Set(await partitionNodes(cluster, p.PartitionName));
      const features = new Set(
        nodeRecords
          .filter((r: ScontrolRecord) => names.has(r.NodeName))
          .flatMap((r: ScontrolRecord) => r.AvailableFeatures.split(',')),
      );
      const maxTime = scontrolSeconds(p.MaxTime);
      expect(view).toMatchObject({
        state: p.State,
        nodes_total: Number(p.TotalNodes),
        cpus_total: Number(p.TotalCPUs),
        default_time: apiDuration(scontrolSeconds(p.DefaultTime) as number),
        max_time: maxTime === null ? 'UNLIMITED' : apiDuration(maxTime),
        max_nodes: p.MaxNodes === 'UNLIMITED' ? null : Number(p.MaxNodes),
        priority: Number(p.PriorityTier),
        qos: p.QoS === 'N/A' ? null : p.QoS,
        features: [...features].sort(),
      });
    }
    const normal = res.body.partitions.find((v: { name: string }) => v.name === 'normal');
    expect(normal.max_time).toBe('7-00:00:00');
  });

  it('counts idle, allocated and mixed nodes and allocated CPUs like sinfo', async () => {
    for (const name of ['normal', 'gpu', 'debug']) {
      await waitFor(
        async () => {
          const res = await reader.get(`/v1/partitions/${name}?cluster=${cluster}`);
          const expected = await liveCounts(cluster, name);
          return (
            res.status === 200 && Object.entries(expected).every(([k, v]) => res.body[k] === v)
          );
        },
        { timeoutMs: 30_000, intervalMs: 1000 },
      );
    }
  });

  it('answers 404 for an unknown partition', async () => {
    const res = await reader.get(`/v1/partitions/nosuchpart?cluster=${cluster}`);
    expectEnvelope(res, 404, 'RESOURCE_NOT_FOUND');
    expect(res.body.error.details).toMatchObject({ resource_type: 'partition' });
  });
});
