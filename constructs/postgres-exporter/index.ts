import { databaseExporterComponent } from '../datastores/exporter-component';
import { postgresKind } from './kind';

/** postgres_exporter, one per PostgreSQL server declared in `databases.postgres`. */
export const postgresExporterComponent = databaseExporterComponent('postgresExporter', postgresKind, (s) => s.databases.postgres);
