import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SlurmGateway } from './slurm-gateway.js';
import { SlurmGatewayModule } from './slurm-gateway.module.js';

@Injectable()
class ClusterSource {
  readonly clusters = [
    { name: 'a', url: 'http://127.0.0.1:1', token: 't' },
    { name: 'b', url: 'http://127.0.0.1:2', token: 't' },
  ];
}

@Module({ providers: [ClusterSource], exports: [ClusterSource] })
class SourceModule {}

describe('SlurmGatewayModule', () => {
  it('registers the gateway with forRoot', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        SlurmGatewayModule.forRoot({
          clusters: [{ name: 'only', url: 'http://127.0.0.1:1', token: 't' }],
        }),
      ],
    }).compile();
    const gateway = moduleRef.get(SlurmGateway);
    expect(gateway.clusterNames()).toEqual(['only']);
    expect(gateway.serviceUser('only')).toBe('slurm');
    await moduleRef.close();
  });

  it('registers the gateway with forRootAsync from an injected provider', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        SlurmGatewayModule.forRootAsync({
          isGlobal: true,
          imports: [SourceModule],
          inject: [ClusterSource],
          useFactory: (source: ClusterSource) => ({ clusters: source.clusters }),
        }),
      ],
    }).compile();
    const gateway = moduleRef.get(SlurmGateway);
    expect(gateway.clusterNames()).toEqual(['a', 'b']);
    expect(gateway.defaultCluster()).toBe('a');
    expect(gateway.client('b', 'alice')).toMatchObject({ cluster: 'b', actAs: 'alice' });
    await moduleRef.close();
  });

  it('refuses an empty or duplicated configuration', () => {
    expect(() => new SlurmGateway({ clusters: [] })).toThrow(/at least one cluster/);
    const twice = { name: 'x', url: 'http://127.0.0.1:1', token: 't' };
    expect(() => new SlurmGateway({ clusters: [twice, twice] })).toThrow(/twice/);
    expect(() => new SlurmGateway({ clusters: [{ name: 'y', url: 'http://h' }] })).toThrow(
      /jwtKeyFile or token/,
    );
  });
});
