import type { Job, Node, Partition, SlurmUser } from '@app/slurm-gateway';

export const SEARCH_TYPES = ['job', 'node', 'user', 'partition'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** One searchable thing. `key` is unique in an index; text fields are what words match. */
export interface SearchDoc {
  key: string;
  type: SearchType;
  id: string;
  title: string;
  description: string;
  url: string;
  /** Slurm user owning the thing (jobs, users): decides what a non-privileged caller sees. */
  owner: string | null;
  // Indexed text fields.
  name: string;
  user: string;
  account: string;
  partition: string;
  state: string;
  features: string;
}

/** Fields words are matched against, with their weight. */
export const SEARCH_FIELD_BOOST = {
  id: 3,
  name: 2,
  user: 2,
  features: 1.5,
  partition: 1,
  account: 1,
  state: 1,
} as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function clusterSuffix(cluster: string, defaultCluster: string): string {
  return cluster === defaultCluster ? '' : `?cluster=${encodeURIComponent(cluster)}`;
}

/** Words that describe a job's resources: "gpu" for GPU jobs, its constraint features. */
function jobFeatures(job: Job): string {
  const words = job.gpus > 0 ? ['gpu'] : [];
  if (job.features) words.push(job.features);
  return words.join(' ');
}

export function jobDoc(job: Job, defaultCluster: string): SearchDoc {
  const where = job.partition ? ` on ${job.partition} partition` : '';
  const gpus = job.gpus > 0 ? `, ${plural(job.gpus, 'GPU')}` : '';
  return {
    key: `job:${job.id}`,
    type: 'job',
    id: job.id,
    title: `${job.user}'s job ${job.name}`,
    description: `${job.state}${where}${gpus}`,
    url: `/v1/jobs/${job.id}${clusterSuffix(job.cluster, defaultCluster)}`,
    owner: job.user,
    name: job.name,
    user: job.user,
    account: job.account ?? '',
    partition: job.partition ?? '',
    state: [job.state, ...job.stateFlags].join(' '),
    features: jobFeatures(job),
  };
}

export function nodeDoc(node: Node, defaultCluster: string): SearchDoc {
  const state = [node.state, ...node.stateFlags].join('+');
  const gpus = node.gpusTotal > 0 ? `, ${plural(node.gpusTotal, 'GPU')}` : '';
  const features = node.features.length > 0 ? `; features ${node.features.join(', ')}` : '';
  return {
    key: `node:${node.name}`,
    type: 'node',
    id: node.name,
    title: `Node ${node.name}`,
    description: `${state}, ${plural(node.cpus, 'CPU')}${gpus}${features}`,
    url: `/v1/nodes/${encodeURIComponent(node.name)}${clusterSuffix(node.cluster, defaultCluster)}`,
    owner: null,
    name: node.name,
    user: '',
    account: '',
    partition: node.partitions.join(' '),
    state: [node.state, ...node.stateFlags].join(' '),
    features: [...node.features, ...(node.gpusTotal > 0 ? ['gpu'] : [])].join(' '),
  };
}

export function userDoc(user: SlurmUser, defaultCluster: string): SearchDoc {
  const accounts = [...new Set(user.associations.map((a) => a.account))].sort();
  const partitions = [
    ...new Set(user.associations.flatMap((a) => (a.partition ? [a.partition] : []))),
  ];
  return {
    key: `user:${user.name}`,
    type: 'user',
    id: user.name,
    title: `User ${user.name}`,
    description: `Default account ${user.defaultAccount ?? 'none'}; accounts ${accounts.join(', ') || 'none'}`,
    url: `/v1/users/${encodeURIComponent(user.name)}${clusterSuffix(user.cluster, defaultCluster)}`,
    owner: user.name,
    name: user.name,
    user: user.name,
    account: accounts.join(' '),
    partition: partitions.join(' '),
    state: '',
    features: '',
  };
}

/** `features` = the union of the partition's node features (from the node snapshot). */
export function partitionDoc(
  partition: Partition,
  features: readonly string[],
  defaultCluster: string,
): SearchDoc {
  const featureText = features.length > 0 ? `; features ${features.join(', ')}` : '';
  return {
    key: `partition:${partition.name}`,
    type: 'partition',
    id: partition.name,
    title: `Partition ${partition.name}`,
    description: `${partition.state}, ${plural(partition.totalNodes, 'node')}, ${plural(partition.totalCpus, 'CPU')}${featureText}`,
    url: `/v1/partitions/${encodeURIComponent(partition.name)}${clusterSuffix(partition.cluster, defaultCluster)}`,
    owner: null,
    name: partition.name,
    user: '',
    account: '',
    partition: partition.name,
    state: partition.state,
    features: features.join(' '),
  };
}
