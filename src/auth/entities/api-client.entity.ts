import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role, Tier } from '../principal.js';

/** A principal of the API: one caller, mapped to one Slurm user (per cluster where they differ). */
@Entity('api_clients')
export class ApiClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The Slurm user this client acts as on every cluster without an override. */
  @Column({ name: 'slurm_user', type: 'text' })
  slurmUser!: string;

  /** Per-cluster overrides: `{ "legacy": "alice2" }`. */
  @Column({ name: 'slurm_users', type: 'jsonb', default: () => "'{}'::jsonb" })
  slurmUsers!: Record<string, string>;

  @Column({ type: 'text', default: 'free' })
  tier!: Tier;

  /** Requests per window for the enterprise tier. */
  @Column({ name: 'custom_limit', type: 'integer', nullable: true })
  customLimit!: number | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'::text[]" })
  scopes!: string[];

  /** Subject CN of the client certificate that authenticates as this client. */
  @Column({ name: 'cert_subject', type: 'text', nullable: true, unique: true })
  certSubject!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
