import { historyRecord, liveJob } from '../testing/job-fixtures.js';
import { formatCpuHours, toJobDetailDto, toJobDto, toResources } from './job-view.js';

const NOW = 1702644465; // 2:15:30 after the fixture's start

describe('toJobDto', () => {
  it('maps a running job to the spec fields and formats', () => {
    expect(toJobDto(liveJob('12345'), NOW)).toEqual({
      job_id: '12345',
      job_name: 'simulation_run',
      user: 'alice',
      account: 'research',
      partition: 'normal',
      state: 'RUNNING',
      submit_time: '2023-12-15T10:30:00Z',
      start_time: '2023-12-15T10:32:15Z',
      end_time: null,
      elapsed_time: '2:15:30',
      time_limit: '4:00:00',
      nodes: ['node001', 'node002'],
      node_count: 2,
      cpu_count: 32,
      memory: '128GB',
      gpus: 4,
      priority: 1000,
      qos: 'normal',
      working_directory: '/home/alice/simulations',
      standard_output: '/home/alice/logs/job_12345.out',
      standard_error: '/home/alice/logs/job_12345.out',
      exit_code: null,
      reason: null,
    });
  });

  it('shows no elapsed time or end before a job starts', () => {
    const dto = toJobDto(
      liveJob('7', { state: 'PENDING', startTime: null, reason: 'Priority', timeLimit: null }),
      NOW,
    );
    expect(dto.elapsed_time).toBeNull();
    expect(dto.end_time).toBeNull();
    expect(dto.reason).toBe('Priority');
    expect(dto.time_limit).toBeNull();
  });

  it('shows end, exit code and elapsed of a finished live job', () => {
    const dto = toJobDto(
      liveJob('8', { state: 'FAILED', startTime: 1000, endTime: 1090, exitCode: 3 }),
      NOW,
    );
    expect(dto).toMatchObject({
      end_time: '1970-01-01T00:18:10Z',
      elapsed_time: '0:01:30',
      exit_code: 3,
    });
  });

  it('maps an accounting record', () => {
    const dto = toJobDto(historyRecord('99'), NOW);
    expect(dto).toMatchObject({
      job_id: '99',
      user: 'bob',
      state: 'COMPLETED',
      end_time: '2023-12-15T01:28:20Z',
      elapsed_time: '1:00:00',
      time_limit: '1:00:00',
      node_count: 1,
      cpu_count: 4,
      memory: '3.9GB',
      exit_code: 0,
      standard_output: '/home/bob/slurm-99.out',
    });
  });
});

describe('toResources', () => {
  it('derives efficiencies from accounting', () => {
    expect(toResources(historyRecord('1'))).toEqual({
      cpu_efficiency: 0.5,
      memory_efficiency: 0.25,
      gpu_utilization: null,
      max_memory_used: '1000MB',
      max_cpu_time: '2h',
    });
  });

  it('is all null without a record, and efficiency-free before a job ran', () => {
    expect(Object.values(toResources(null)).every((v) => v === null)).toBe(true);
    const pending = toResources(
      historyRecord('2', { startTime: null, elapsed: 0, maxRssMb: null }),
    );
    expect(pending).toMatchObject({
      cpu_efficiency: null,
      max_memory_used: null,
      max_cpu_time: null,
    });
  });

  it('formats CPU hours', () => {
    expect(formatCpuHours(459000)).toBe('127.5h');
    expect(formatCpuHours(36)).toBe('0.01h');
  });
});

describe('toJobDetailDto', () => {
  it('adds command, environment, dependencies and array ids for the owner', () => {
    const detail = toJobDetailDto({
      job: liveJob('12', {
        dependency: 'afterok:11(unfulfilled)',
        arrayJobId: '10',
        arrayTaskId: 2,
      }),
      record: null,
      submission: { command: '/bin/sleep 60', environment: { A: '1' } },
      revealPrivate: true,
      now: NOW,
    });
    expect(detail).toMatchObject({
      command: '/bin/sleep 60',
      environment: { A: '1' },
      dependencies: [{ type: 'afterok', job_id: '11' }],
      array_job_id: '10',
      array_task_id: 2,
      source: 'live',
    });
  });

  it('hides command and environment from other users', () => {
    const detail = toJobDetailDto({
      job: liveJob('12'),
      record: historyRecord('12'),
      submission: { command: 'x', environment: { SECRET: 's' } },
      revealPrivate: false,
      now: NOW,
    });
    expect(detail.command).toBeNull();
    expect(detail.environment).toBeNull();
    expect(detail.resources.cpu_efficiency).toBe(0.5);
  });

  it('falls back to the command Slurm knows, then the submit line', () => {
    const fromSlurm = toJobDetailDto({
      job: liveJob('1'),
      record: null,
      submission: null,
      revealPrivate: true,
      now: NOW,
    });
    expect(fromSlurm.command).toBe('/home/alice/scripts/run_simulation.sh');
    const fromAccounting = toJobDetailDto({
      job: historyRecord('2'),
      record: historyRecord('2'),
      submission: null,
      revealPrivate: true,
      now: NOW,
    });
    expect(fromAccounting).toMatchObject({ command: 'sbatch run.sh', source: 'accounting' });
  });
});
