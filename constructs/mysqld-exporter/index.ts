import { databaseExporterComponent } from '../datastores/exporter-component';
import { mysqlKind } from './kind';

/** mysqld_exporter, one per MySQL/MariaDB server declared in `databases.mysql`. */
export const mysqldExporterComponent = databaseExporterComponent('mysqldExporter', mysqlKind, (s) => s.databases.mysql);
