/** Accounting (slurmdbd) entities: users with associations, accounts, QOS. */

export type AdminLevel = 'none' | 'operator' | 'administrator';

export interface Association {
  user: string;
  account: string;
  /** Cluster name as known to slurmdbd. */
  cluster: string | null;
  partition: string | null;
  qos: string[];
  defaultQos: string | null;
}

export interface SlurmUser {
  cluster: string;
  name: string;
  defaultAccount: string | null;
  adminLevel: AdminLevel;
  associations: Association[];
}

export interface Account {
  cluster: string;
  name: string;
  description: string | null;
  organization: string | null;
  coordinators: string[];
}

export interface Qos {
  cluster: string;
  name: string;
  description: string | null;
  priority: number | null;
  flags: string[];
  /** Max wall time per job in minutes; null = unlimited. */
  maxWallPerJob: number | null;
  maxJobsPerUser: number | null;
  maxSubmitJobsPerUser: number | null;
  usageFactor: number | null;
  preempt: string[];
}
