import type { Account, AdminLevel, Association, Qos, SlurmUser } from '../../model/accounting.js';
import { list, num, obj, str, type Raw } from './values.js';

/** slurmdb users, associations, accounts and QOS: same layout in dbv0.0.38 and v0.0.40+. */

function adminLevel(value: unknown): AdminLevel {
  const level = (list(value)[0] ?? 'None').toLowerCase();
  if (level.startsWith('admin')) return 'administrator';
  if (level.startsWith('operator')) return 'operator';
  return 'none';
}

/** An association record; `isDefault` marks the user's default account (when reported). */
export function associationFromRaw(raw: Raw): (Association & { isDefault: boolean }) | null {
  const user = str(raw.user);
  const account = str(raw.account);
  if (user === null || account === null) return null;
  return {
    isDefault: raw.is_default === true || raw.is_default === 1,
    user,
    account,
    cluster: str(raw.cluster),
    partition: str(raw.partition),
    qos: list(raw.qos),
    defaultQos: str(obj(raw.default).qos),
  };
}

/**
 * A user with its associations. The user record's own associations lack QOS, so the
 * full association records (from the associations route) are preferred when given.
 */
export function userFromRaw(
  raw: Raw,
  cluster: string,
  associations?: (Association & { isDefault?: boolean })[],
): SlurmUser {
  const name = str(raw.name) ?? '';
  const own = Array.isArray(raw.associations)
    ? raw.associations.map((a) => associationFromRaw(obj(a))).filter((a) => a !== null)
    : [];
  const mine = associations?.filter((a) => a.user === name) ?? own;
  // 24.11 may leave default.account empty (seen on a freshly created accounting database);
  // the association can say it too, and a user with one account can have no other default.
  const accounts = [...new Set(mine.map((a) => a.account))];
  const defaultAccount =
    str(obj(raw.default).account) ||
    mine.find((a) => a.isDefault === true)?.account ||
    (accounts.length === 1 ? accounts[0] : null);
  return {
    cluster,
    name,
    defaultAccount,
    adminLevel: adminLevel(raw.administrator_level),
    associations: mine.map(({ user, account, cluster: c, partition, qos, defaultQos }) => ({
      user,
      account,
      cluster: c,
      partition,
      qos,
      defaultQos,
    })),
  };
}

export function accountFromRaw(raw: Raw, cluster: string): Account {
  return {
    cluster,
    name: str(raw.name) ?? '',
    description: str(raw.description),
    organization: str(raw.organization),
    coordinators: Array.isArray(raw.coordinators)
      ? raw.coordinators.map((c) => str(obj(c).name) ?? str(c)).filter((c) => c !== null)
      : [],
  };
}

export function qosFromRaw(raw: Raw, cluster: string): Qos {
  const max = obj(obj(raw.limits).max);
  const jobs = obj(max.jobs);
  return {
    cluster,
    name: str(raw.name) ?? '',
    description: str(raw.description),
    priority: num(raw.priority),
    flags: list(raw.flags),
    maxWallPerJob: num(obj(obj(max.wall_clock).per).job),
    maxJobsPerUser: num(obj(obj(jobs.active_jobs).per).user),
    maxSubmitJobsPerUser: num(obj(jobs.per).user),
    usageFactor: num(raw.usage_factor),
    preempt: list(obj(raw.preempt).list),
  };
}
