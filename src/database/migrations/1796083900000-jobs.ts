import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job submissions made through the API: command and environment for the job detail view,
 * and the Idempotency-Key claim (unique per principal) taken before Slurm is called.
 */
export class Jobs1796083900000 implements MigrationInterface {
  name = 'Jobs1796083900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        principal_id text NOT NULL,
        idempotency_key text,
        request_hash text NOT NULL,
        cluster text NOT NULL,
        slurm_user text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'submitted')),
        job_id text,
        command text,
        environment jsonb,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT job_submissions_principal_key UNIQUE (principal_id, idempotency_key)
      )`);
    await q.query('CREATE INDEX job_submissions_cluster_job ON job_submissions (cluster, job_id)');
    await q.query('CREATE INDEX job_submissions_created_at ON job_submissions (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE job_submissions');
  }
}
