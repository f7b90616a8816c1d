import { databaseExporterComponent } from '../datastores/exporter-component';
import { redisKind } from './kind';

/** redis_exporter, one per Redis server declared in `databases.redis`. */
export const redisExporterComponent = databaseExporterComponent('redisExporter', redisKind, (s) => s.databases.redis);
