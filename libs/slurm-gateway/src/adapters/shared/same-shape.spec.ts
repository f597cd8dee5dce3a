import { fixtureItems } from '../../../test-fixtures/fixtures.js';
import { jobFromV0038 } from '../v0038/job.js';
import { nodeFromV0038 } from '../v0038/node.js';
import { partitionFromV0038 } from '../v0038/partition.js';
import { jobFromV0040 } from '../v0040/job.js';
import { nodeFromV0040 } from '../v0040/node.js';
import { partitionFromV0040 } from '../v0040/partition.js';
import { historyFromRaw } from './history.js';

/** The same sbatch commands on Slurm 22.05 and 24.11 must give the same model. */
describe('one model from both families', () => {
  const legacy = fixtureItems('legacy', 'jobs', 'jobs').map((r) => jobFromV0038(r, 'legacy'));
  const main = fixtureItems('main', 'jobs', 'jobs').map((r) => jobFromV0040(r, 'main'));

  it('gives jobs, nodes, partitions and history records the same keys', () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(legacy[0])).toEqual(keys(main[0]));
    expect(keys(nodeFromV0038(fixtureItems('legacy', 'nodes', 'nodes')[0], 'l'))).toEqual(
      keys(nodeFromV0040(fixtureItems('main', 'nodes', 'nodes')[0], 'm')),
    );
    expect(
      keys(partitionFromV0038(fixtureItems('legacy', 'partitions', 'partitions')[0], 'l')),
    ).toEqual(keys(partitionFromV0040(fixtureItems('main', 'partitions', 'partitions')[0], 'm')));
    expect(keys(historyFromRaw(fixtureItems('legacy', 'db-jobs', 'jobs')[0], 'l'))).toEqual(
      keys(historyFromRaw(fixtureItems('main', 'db-jobs', 'jobs')[0], 'm')),
    );
  });

  it.each([
    ['fx-run', 'RUNNING'],
    ['fx-gpu', 'RUNNING'],
    ['fx-held', 'PENDING'],
    ['fx-fail', 'FAILED'],
    ['fx-done', 'COMPLETED'],
  ])('normalises %s (%s) to the same values', (name, state) => {
    const stable = (list: typeof legacy) => {
      const j = list.find((x) => x.name === name && x.state === state);
      return (
        j && {
          user: j.user,
          account: j.account,
          partition: j.partition,
          qos: j.qos,
          stateFlags: j.stateFlags,
          reason: j.reason,
          held: j.held,
          cpus: j.cpus,
          memoryMb: j.memoryMb,
          gpus: j.gpus,
          nodeCount: j.nodeCount,
          timeLimit: j.timeLimit,
          exitCode: j.exitCode,
          comment: j.comment,
          running: j.startTime !== null,
          stdoutExpanded: j.stdoutExpanded?.replace(/\d+\.out$/, 'N.out') ?? null,
        }
      );
    };
    expect(stable(legacy)).toBeDefined();
    expect(stable(legacy)).toEqual(stable(main));
  });
});
