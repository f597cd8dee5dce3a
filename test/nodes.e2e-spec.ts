/**
 * GET /v1/nodes and /v1/nodes/{name} on both clusters, checked against scontrol/sinfo.
 */
import { startApi, type ApiServer } from './helpers/api-server.js';
import { client, expectEnvelope } from './helpers/http.js';
import { adminApi, createAdminKey } from './helpers/principals.js';
import { apiMemory, nodeState, parseScontrol, type ScontrolRecord } from './helpers/scontrol.js';
import { CLUSTERS, sbatch, slurmCli, waitFor } from './helpers/slurm-cli.js';

let api: ApiServer;
let operator: ReturnType<typeof client>;
const jobs: { cluster: string; id: string }[] = [];

beforeAll(async () => {
  api = await startApi();
  const admin = adminApi(api.url, await createAdminKey());
  const { apiKey } = await admin.principal('operator', 'slurm', { scopes: ['nodes:read'] });
  operator = client(api.url, { apiKey });
});

afterAll(async () => {
  for (const job of jobs) await slurmCli(job.cluster, ['scancel', job.id]).catch(() => '');
  await api?.stop();
});

async function scontrolNodes(cluster: string): Promise<Map<string, ScontrolRecord>> {
  const records = parseScontrol(await slurmCli(cluster, ['scontrol', 'show', 'node', '-o']));
  return new Map(records.map((r) => [r.NodeName, r]));
}

/** GPUs in a TRES string such as "cpu=4,mem=400M,gres/gpu=2". */
function tresGpus(tres: string | undefined): number {
  const match = /gres\/gpu=(\d+)/.exec(tres ?? '');
  return match ? Number(match[1]) : 0;
}

/** Whether the node can take work, from scontrol alone (the API's `available` rule). */
function availableFromScontrol(r: ScontrolRecord): boolean {
  const { base, flags } = nodeState(r.State);
  const blocking = flags.filter((f) => f !== 'COMPLETING' && f !== 'CLOUD' && f !== 'PLANNED');
  if (blocking.length > 0) return false;
  return base === 'IDLE' || (base === 'MIXED' && Number(r.CPUAlloc) < Number(r.CPUTot));
}

describe.each(CLUSTERS)('nodes on %s', (cluster) => {
  it('lists every node with static fields equal to scontrol', async () => {
    const expected = await scontrolNodes(cluster);
    const res = await operator.get(`/v1/nodes?cluster=${cluster}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(expected.size);
    expect(res.body.nodes.map((n: { node_name: string }) => n.node_name).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    expect(Number(res.headers['x-data-age'])).toBeGreaterThanOrEqual(0);
    for (const node of res.body.nodes) {
      const r = expected.get(node.node_name) as ScontrolRecord;
      expect(node).toMatchObject({
        cpu_total: Number(r.CPUTot),
        memory_total: apiMemory(Number(r.RealMemory)),
        partitions: r.Partitions.split(','),
        features: r.AvailableFeatures.split(','),
        architecture: r.Arch,
        os: r.OS,
        boot_time: `${r.BootTime}Z`,
        gpus_total: tresGpus(r.CfgTRES),
      });
      expect(typeof node.cpu_load).toBe('number');
      expect(node.memory_free).toMatch(/^\d+(\.\d)?(MB|GB|TB)$/);
      expect(node.last_busy).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('shows a running job on its node with the allocation scontrol reports', async () => {
    const jobId = await sbatch(cluster, 'alice', [
      '-p',
      'gpu',
      '-w',
      'gpu002',
      '-c',
      '2',
      '--gres=gpu:1',
      '-t',
      '5',
      '--wrap',
      'sleep 300',
    ]);
    jobs.push({ cluster, id: jobId });
    await waitFor(
      async () => {
        const state = await slurmCli(cluster, ['squeue', '-h', '-j', jobId, '-o', '%T']);
        return state.trim() === 'RUNNING';
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    // The snapshot follows within a few polls; compare against a fresh scontrol each time.
    await waitFor(
      async () => {
        const res = await operator.get(`/v1/nodes/gpu002?cluster=${cluster}`);
        const r = (await scontrolNodes(cluster)).get('gpu002') as ScontrolRecord;
        const { base, flags } = nodeState(r.State);
        return (
          res.status === 200 &&
          res.body.jobs.includes(jobId) &&
          res.body.state === base &&
          JSON.stringify(res.body.state_flags) === JSON.stringify(flags) &&
          res.body.cpu_allocated === Number(r.CPUAlloc) &&
          res.body.memory_allocated === apiMemory(Number(r.AllocMem)) &&
          res.body.gpus_allocated === tresGpus(r.AllocTRES)
        );
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
    const squeueNodes = await slurmCli(cluster, [
      'squeue',
      '-h',
      '-w',
      'gpu002',
      '-t',
      'R',
      '-o',
      '%i',
    ]);
    const res = await operator.get(`/v1/nodes/gpu002?cluster=${cluster}`);
    expect([...res.body.jobs].sort()).toEqual(squeueNodes.trim().split('\n').sort());
  });

  it('filters by partition, features, state and availability like sinfo/scontrol', async () => {
    const names = async (query: string) => {
      const res = await operator.get(`/v1/nodes?cluster=${cluster}&${query}`);
      expect(res.status).toBe(200);
      return (res.body.nodes as { node_name: string }[]).map((n) => n.node_name).sort();
    };
    const inGpu = await slurmCli(cluster, ['sinfo', '-h', '-N', '-p', 'gpu', '-o', '%N']);
    expect(await names('partition=gpu')).toEqual([...new Set(inGpu.trim().split('\n'))].sort());
    const all = await scontrolNodes(cluster);
    const withFeatures = (fs: string[]) =>
      [...all.values()]
        .filter((r) => fs.every((f) => r.AvailableFeatures.split(',').includes(f)))
        .map((r) => r.NodeName)
        .sort();
    expect(await names('features=gpu,a100')).toEqual(withFeatures(['gpu', 'a100']));
    expect(await names('features=cpu')).toEqual(withFeatures(['cpu']));
    expect(await names('features=cpu,a100')).toEqual([]);
    // States move while other jobs run: compare with a fresh scontrol until both agree.
    await waitFor(
      async () => {
        const fresh = [...(await scontrolNodes(cluster)).values()];
        const available = fresh
          .filter(availableFromScontrol)
          .map((r) => r.NodeName)
          .sort();
        const mixed = fresh
          .filter((r) => nodeState(r.State).base === 'MIXED')
          .map((r) => r.NodeName)
          .sort();
        return (
          JSON.stringify(await names('available=true')) === JSON.stringify(available) &&
          JSON.stringify(await names('state=mixed')) === JSON.stringify(mixed)
        );
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
  });

  it('pages with limit/offset/total/has_more', async () => {
    const all = await operator.get(`/v1/nodes?cluster=${cluster}`);
    const page = await operator.get(`/v1/nodes?cluster=${cluster}&limit=2&offset=1`);
    expect(page.body).toMatchObject({ total: all.body.total, limit: 2, offset: 1, has_more: true });
    expect(page.body.nodes.map((n: { node_name: string }) => n.node_name)).toEqual(
      all.body.nodes.slice(1, 3).map((n: { node_name: string }) => n.node_name),
    );
  });

  it('answers the error envelope for an unknown node and bad filters', async () => {
    const missing = await operator.get(`/v1/nodes/nosuchnode?cluster=${cluster}`);
    expectEnvelope(missing, 404, 'RESOURCE_NOT_FOUND');
    expect(missing.body.error.details).toMatchObject({
      resource_type: 'node',
      resource_id: 'nosuchnode',
    });
    expectEnvelope(
      await operator.get(`/v1/nodes?cluster=${cluster}&state=SLEEPY`),
      400,
      'VALIDATION_ERROR',
    );
    expectEnvelope(
      await operator.get(`/v1/nodes?cluster=${cluster}&available=maybe`),
      400,
      'VALIDATION_ERROR',
    );
  });
});
