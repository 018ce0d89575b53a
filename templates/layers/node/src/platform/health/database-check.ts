import type { Database } from '../database/database.ts';
import type { HealthCheck } from './health-report.ts';

export function databaseCheck(db: Database): HealthCheck {
  return {
    key: 'postgres:connection',
    componentType: 'datastore',
    run: (signal) => db.ping({ signal }),
  };
}
