import { Module, type DynamicModule } from '@nestjs/common';
import { HEALTH_OPTIONS, HealthController, type HealthOptions } from './health-controller.ts';

/** The probes, /livez and /readyz, as a Nest module; the root module imports it first. */
@Module({})
export class HealthModule {
  static register(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: HEALTH_OPTIONS, useValue: options }],
    };
  }
}
