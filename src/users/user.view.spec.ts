import { makeJob, makeUser } from '../search/testing/model-fixtures.js';
import { jobCountsByUser, toUserView } from './user.view.js';

describe('user view', () => {
  it('counts running and pending jobs per user', () => {
    const counts = jobCountsByUser([
      makeJob({ id: '1', user: 'alice', state: 'RUNNING' }),
      makeJob({ id: '2', user: 'alice', state: 'PENDING' }),
      makeJob({ id: '3', user: 'alice', state: 'PENDING' }),
      makeJob({ id: '4', user: 'alice', state: 'COMPLETED' }),
      makeJob({ id: '5', user: 'bob', state: 'RUNNING' }),
    ]);
    expect(counts.get('alice')).toEqual({ running: 1, pending: 2 });
    expect(counts.get('bob')).toEqual({ running: 1, pending: 0 });
  });

  it('maps the accounting user to the spec shape', () => {
    const user = makeUser({
      adminLevel: 'operator',
      associations: [
        {
          user: 'alice',
          account: 'research',
          cluster: 'main',
          partition: 'gpu',
          qos: ['high', 'normal'],
          defaultQos: null,
        },
        {
          user: 'alice',
          account: 'research',
          cluster: 'main',
          partition: 'gpu',
          qos: ['normal', 'low'],
          defaultQos: null,
        },
        {
          user: 'alice',
          account: 'physics',
          cluster: 'main',
          partition: null,
          qos: ['normal'],
          defaultQos: null,
        },
      ],
    });
    expect(toUserView(user, { running: 15, pending: 3 }, 1247 * 3600)).toEqual({
      username: 'alice',
      default_account: 'research',
      admin_level: 'operator',
      jobs_running: 15,
      jobs_pending: 3,
      cpu_time_used: '1247h',
      cpu_time_used_seconds: 1247 * 3600,
      associations: [
        { account: 'physics', partition: null, qos: ['normal'] },
        { account: 'research', partition: 'gpu', qos: ['high', 'low', 'normal'] },
      ],
    });
  });

  it('shows zero jobs for a user with none', () => {
    const view = toUserView(makeUser(), undefined, 0);
    expect([view.jobs_running, view.jobs_pending, view.cpu_time_used]).toEqual([0, 0, '0h']);
  });
});
