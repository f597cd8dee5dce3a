import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const KEY_KINDS = ['api_key', 'personal_token'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/**
 * An API key (`s9sk_...`, sent as X-API-Key) or a personal access token (`s9sp_...`, sent as a
 * bearer token). Only the SHA-256 of the secret part is stored; `lookup` finds the row.
 */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  kind!: KeyKind;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text', unique: true })
  lookup!: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  /** Narrower scopes than the client's; null = the client's scopes. */
  @Column({ type: 'text', array: true, nullable: true })
  scopes!: string[] | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
