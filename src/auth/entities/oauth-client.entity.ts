import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** OAuth2 client-credentials client of an API client: `s9so_...` id and a hashed secret. */
@Entity('oauth_clients')
export class OAuthClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'client_id', type: 'text', unique: true })
  clientId!: string;

  @Index()
  @Column({ name: 'api_client_id', type: 'uuid' })
  apiClientId!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  /** Scopes a token may carry (each also limited by the API client's current scopes). */
  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
