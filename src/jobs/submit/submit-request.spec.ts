import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors } from '../../common/errors/validation.js';
import { SubmitJobDto } from '../dto/submit-job.dto.js';
import { commandOf, toSubmitJobRequest } from './submit-request.js';

async function check(body: Record<string, unknown>) {
  const dto = plainToInstance(SubmitJobDto, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return { dto, fields: flattenValidationErrors(errors).map((f) => f.field) };
}

const defaults = { workingDirectory: '/tmp' };

describe('SubmitJobDto validation', () => {
  it('accepts the spec example', async () => {
    const { fields } = await check({
      job_name: 'my_simulation',
      script: '/home/alice/scripts/simulation.sh',
      partition: 'gpu',
      nodes: 2,
      cpus_per_node: 16,
      memory: '64GB',
      gpus: 2,
      time_limit: '4:00:00',
      account: 'research',
      qos: 'normal',
      working_directory: '/home/alice/simulations',
      standard_output: '/home/alice/logs/%j.out',
      standard_error: '/home/alice/logs/%j.err',
      environment: { CUDA_VISIBLE_DEVICES: '0,1' },
      dependencies: [{ type: 'afterok', job_id: '12344' }],
    });
    expect(fields).toEqual([]);
  });

  it.each([
    [{}, 'script'],
    [{ script: '' }, 'script'],
    [{ script: 'x', time_limit: '4 hours' }, 'time_limit'],
    [{ script: 'x', time_limit: '0' }, 'time_limit'],
    [{ script: 'x', memory: 'lots' }, 'memory'],
    [{ script: 'x', nodes: 0 }, 'nodes'],
    [{ script: 'x', nodes: '2' }, 'nodes'],
    [{ script: 'x', cpus_per_node: 1.5 }, 'cpus_per_node'],
    [{ script: 'x', gpus: -1 }, 'gpus'],
    [{ script: 'x', partition: 'gpu; rm -rf' }, 'partition'],
    [{ script: 'x', working_directory: 'relative/dir' }, 'working_directory'],
    [{ script: 'x', environment: { 'BAD-NAME': '1' } }, 'environment'],
    [{ script: 'x', environment: { A: 1 } }, 'environment'],
    [{ script: 'x', dependencies: [{ type: 'afterwards', job_id: '1' }] }, 'dependencies.0.type'],
    [{ script: 'x', dependencies: [{ type: 'afterok' }] }, 'dependencies.0.job_id'],
    [{ script: 'x', array: '1-10%%2' }, 'array'],
    [{ script: 'x', hold: 'yes' }, 'hold'],
    [{ script: 'x', job_name: 'a\nb' }, 'job_name'],
    [{ script: 'x\u0000' }, 'script'],
    [{ script: 'x', unknown_field: 1 }, 'unknown_field'],
  ])('rejects %j naming %s', async (body, field) => {
    const { fields } = await check(body);
    expect(fields).toContain(field);
  });

  it('accepts singleton without a job id and numeric job ids', async () => {
    const { dto, fields } = await check({
      script: 'x',
      dependencies: [{ type: 'singleton' }, { type: 'afterany', job_id: 12 }],
      array: '1-10%2',
      hold: true,
    });
    expect(fields).toEqual([]);
    expect(dto.dependencies?.[1].job_id).toBe('12');
  });
});

describe('toSubmitJobRequest', () => {
  it('translates the spec body', async () => {
    const { dto } = await check({
      job_name: 'sim',
      script: '/bin/sleep 60',
      partition: 'gpu',
      nodes: 2,
      cpus_per_node: 16,
      memory: '64GB',
      gpus: 2,
      time_limit: '1-12:00:00',
      standard_output: '/logs/%j.out',
      environment: { A: '1' },
      dependencies: [
        { type: 'afterok', job_id: '5' },
        { type: 'afterok', job_id: '6' },
        { type: 'singleton', job_id: '9' },
      ],
      array: '1-10%2',
      hold: true,
    });
    expect(toSubmitJobRequest(dto, defaults)).toEqual({
      script: '#!/bin/sh\n/bin/sleep 60\n',
      workingDirectory: '/tmp',
      name: 'sim',
      partition: 'gpu',
      nodes: 2,
      tasks: 2,
      cpusPerTask: 16,
      memoryPerNodeMb: 65536,
      gpusPerNode: 2,
      timeLimit: 2160,
      stdout: '/logs/%j.out',
      environment: { A: '1' },
      dependency: 'afterok:5:6,singleton',
      array: '1-10%2',
      hold: true,
    });
  });

  it('keeps an inline script and minimal bodies minimal', async () => {
    const { dto } = await check({
      script: '#!/bin/bash\necho hi\n',
      time_limit: '30',
      working_directory: '/w',
    });
    expect(toSubmitJobRequest(dto, defaults)).toEqual({
      script: '#!/bin/bash\necho hi\n',
      workingDirectory: '/w',
      timeLimit: 30,
    });
    expect(commandOf(dto)).toBeNull();
    expect(commandOf({ script: ' /bin/true ' })).toBe('/bin/true');
  });

  it('allocates CPUs on one node when no node count is given', async () => {
    const { dto } = await check({ script: 'x', cpus_per_node: 4 });
    expect(toSubmitJobRequest(dto, defaults)).toMatchObject({ tasks: 1, cpusPerTask: 4 });
  });
});
