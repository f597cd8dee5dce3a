/** Model objects for unit specs of nodes, partitions, users and search (not used at runtime). */
import type { Job, Node, Partition, SlurmUser } from '@app/slurm-gateway';
import { liveJob } from '../../jobs/testing/job-fixtures.js';

export function makeNode(overrides: Partial<Node> = {}): Node {
  return {
    cluster: 'main',
    name: 'node001',
    hostname: 'vm',
    address: '127.0.0.1',
    state: 'IDLE',
    stateFlags: [],
    partitions: ['normal', 'debug'],
    cpus: 4,
    allocCpus: 0,
    cpuLoad: 0.5,
    realMemoryMb: 8000,
    allocMemoryMb: 0,
    freeMemoryMb: 6000,
    gpusTotal: 0,
    gpusUsed: 0,
    gres: null,
    gresUsed: null,
    features: ['cpu', 'avx2'],
    activeFeatures: ['cpu', 'avx2'],
    architecture: 'x86_64',
    os: 'Linux 6.1.0',
    bootTime: 1701419400,
    lastBusy: 1702644330,
    slurmdStartTime: 1701419400,
    reason: null,
    reasonTime: null,
    reasonUser: null,
    version: '24.11.5',
    weight: 1,
    ...overrides,
  };
}

/** A running one-CPU job of alice on node001 (the jobs module's fixture, smaller). */
export function makeJob(overrides: Partial<Job> = {}): Job {
  return liveJob(overrides.id ?? '100', {
    name: 'sim',
    nodes: ['node001'],
    nodeList: 'node001',
    nodeCount: 1,
    cpus: 1,
    gpus: 0,
    endTime: null,
    ...overrides,
  });
}

export function makePartition(overrides: Partial<Partition> = {}): Partition {
  return {
    cluster: 'main',
    name: 'normal',
    state: 'UP',
    isDefault: true,
    nodes: ['node001', 'node002'],
    nodeList: 'node[001-002]',
    totalNodes: 2,
    totalCpus: 8,
    defaultTime: 60,
    maxTime: 10080,
    maxNodes: null,
    minNodes: null,
    priorityTier: 1,
    priorityJobFactor: 1,
    qos: null,
    allowedAccounts: [],
    allowedQos: [],
    allowedGroups: [],
    defaultMemoryPerCpuMb: null,
    defaultMemoryPerNodeMb: null,
    maxMemoryPerNodeMb: null,
    ...overrides,
  };
}

export function makeUser(overrides: Partial<SlurmUser> = {}): SlurmUser {
  return {
    cluster: 'main',
    name: 'alice',
    defaultAccount: 'research',
    adminLevel: 'none',
    associations: [
      {
        user: 'alice',
        account: 'research',
        cluster: 'main',
        partition: null,
        qos: ['normal'],
        defaultQos: null,
      },
    ],
    ...overrides,
  };
}
