import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { mysqlFreshnessCheck } from '../../constructs/grafana/alerting-settings';
import { MariaDbServer, PostgresServer, run, testPassword } from '../e2e/database-servers';
import { ORDERS_FRESHNESS, ORDERS_READER } from './fixtures';

const bins = { postgres: realTool(TOOLS.postgres), initdb: realTool(TOOLS.initdb), psql: realTool(TOOLS.psql) };
const version = bins.postgres ? toolVersion(bins.postgres) : 'postgres missing';
const haveAll = Object.values(bins).every(Boolean);
const maria = { mariadbd: realTool(TOOLS.mariadbd), installDb: realTool(TOOLS.mariadbInstallDb), mariadb: realTool(TOOLS.mariadb) };
const mariaVersion = maria.mariadbd ? toolVersion(maria.mariadbd) : 'mariadbd missing';
const haveMaria = Object.values(maria).every(Boolean);

/** Ages of the newest row around the checks' 2 h threshold, in minutes, and the answer each gives (1 stale, 0 fresh). */
const AGES = [
  { minutes: 180, answer: '1' },
  { minutes: 121, answer: '1' },
  { minutes: 119, answer: '0' },
  { minutes: 10, answer: '0' },
] as const;

/** The check answers 1 on an empty table, then for each age of AGES its answer. */
async function expectAnswersAroundThreshold(check: () => Promise<string>, newestRowAgo: (minutes: number) => Promise<unknown>) {
  expect(await check()).toBe('1');
  for (const { minutes, answer } of AGES) {
    await newestRowAgo(minutes);
    expect({ minutes, answer: await check() }).toEqual({ minutes, answer });
  }
}

/**
 * The freshness check's SQL, run by the real PostgreSQL as Grafana would run it: over TCP on
 * 127.0.0.1 as the datasource's own user, holding exactly the privileges docs/grafana-alerts.md
 * lists (CONNECT on the database, USAGE on the schema, SELECT on the checked column).
 */
describe(`the data-freshness SQL on a real PostgreSQL (${version})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'grafana-freshness-'));
  const password = testPassword();
  let server: PostgresServer | undefined;

  /** psql on the orders database: as the superuser over the socket, or as Grafana's user over TCP with its password. */
  const psql = (sql: string, as: 'superuser' | 'grafana') =>
    run(
      bins.psql!,
      as === 'superuser'
        ? [
            '-h',
            server!.socketDir,
            '-p',
            String(server!.port),
            '-U',
            'postgres',
            '-d',
            ORDERS_READER.database,
            '-v',
            'ON_ERROR_STOP=1',
            '-Atc',
            sql,
          ]
        : [
            '-h',
            '127.0.0.1',
            '-p',
            String(server!.port),
            '-U',
            ORDERS_READER.user,
            '-d',
            ORDERS_READER.database,
            '-v',
            'ON_ERROR_STOP=1',
            '-Atc',
            sql,
          ],
      as === 'grafana' ? { env: { PGPASSWORD: password, PGSSLMODE: 'disable', PGCONNECT_TIMEOUT: '10' } } : {},
    );
  const check = async () => (await psql(ORDERS_FRESHNESS.sql, 'grafana')).trim();
  const newestRowAgo = async (minutes: number) => {
    await psql('TRUNCATE shop.orders', 'superuser');
    await psql(`INSERT INTO shop.orders (amount, created_at) VALUES (10, now() - interval '${minutes} minutes')`, 'superuser');
  };

  beforeAll(async () => {
    if (!haveAll) return;
    server = new PostgresServer({ postgres: bins.postgres!, initdb: bins.initdb!, psql: bins.psql! }, dir, await freePort(), 20);
    await server.init();
    await server.start();
    await server.sql(`CREATE DATABASE ${ORDERS_READER.database}`);
    await server.sql(`CREATE ROLE ${ORDERS_READER.user} LOGIN PASSWORD '${password}'`);
    await psql(
      'CREATE SCHEMA shop; CREATE TABLE shop.orders (id serial PRIMARY KEY, amount integer NOT NULL, created_at timestamptz NOT NULL); ' +
        'CREATE TABLE shop.customers (id serial PRIMARY KEY, email text); ' +
        // The grants of docs/grafana-alerts.md, and nothing more (PUBLIC's default CONNECT revoked first).
        `REVOKE ALL ON DATABASE ${ORDERS_READER.database} FROM PUBLIC; ` +
        `GRANT CONNECT ON DATABASE ${ORDERS_READER.database} TO ${ORDERS_READER.user}; ` +
        `GRANT USAGE ON SCHEMA shop TO ${ORDERS_READER.user}; ` +
        `GRANT SELECT (created_at) ON shop.orders TO ${ORDERS_READER.user};`,
      'superuser',
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  (haveAll ? it : it.skip)(
    'answers 1 (stale) for an empty table and a newest row over 2 h old, 0 (fresh) otherwise',
    async () => {
      await expectAnswersAroundThreshold(check, newestRowAgo);
      // An old row does not hide a new one: the newest decides.
      await psql("INSERT INTO shop.orders (amount, created_at) VALUES (5, now() - interval '5 days')", 'superuser');
      expect(await check()).toBe('0');
    },
    60_000,
  );

  (haveAll ? it : it.skip)(
    "the datasource's user can run the check and nothing else: no other column, table or write",
    async () => {
      await expect(psql('SELECT amount FROM shop.orders', 'grafana')).rejects.toThrow(/permission denied/);
      await expect(psql('SELECT * FROM shop.customers', 'grafana')).rejects.toThrow(/permission denied/);
      await expect(psql('INSERT INTO shop.orders (amount, created_at) VALUES (1, now())', 'grafana')).rejects.toThrow(/permission denied/);
      await expect(psql('CREATE TABLE shop.x (id int)', 'grafana')).rejects.toThrow(/permission denied/);
      expect(await check()).toMatch(/^[01]$/);
    },
    60_000,
  );
});

/** The MySQL flavour on a real MariaDB, as Grafana's MySQL datasource would run it: over TCP as its own user. */
describe(`the data-freshness SQL on a real MariaDB (${mariaVersion})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'grafana-freshness-maria-'));
  const password = testPassword();
  const check = mysqlFreshnessCheck({
    name: 'ShopOrdersNotWritten',
    datasource: 'mysql-shop',
    table: 'shop.orders',
    timestampColumn: 'created_at',
    folder: 'infrastructure',
  });
  let server: MariaDbServer | undefined;

  /** SQL as Grafana's user over TCP (the password in MYSQL_PWD, not on the command line). */
  const asReader = (sql: string) =>
    run(maria.mariadb!, ['--no-defaults', '-h', '127.0.0.1', '-P', String(server!.port), '-u', 'grafana_reader', '-N', '-B', '-e', sql], {
      env: { MYSQL_PWD: password },
    });
  const newestRowAgo = async (minutes: number) =>
    server!.sql(`TRUNCATE shop.orders; INSERT INTO shop.orders (amount, created_at) VALUES (10, NOW() - INTERVAL ${minutes} MINUTE)`);

  beforeAll(async () => {
    if (!haveMaria) return;
    server = new MariaDbServer(
      { mariadbd: maria.mariadbd!, installDb: maria.installDb!, mariadb: maria.mariadb! },
      dir,
      await freePort(),
      20,
    );
    await server.init();
    await server.start();
    await server.sql(
      'CREATE DATABASE shop; ' +
        'CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, amount INT NOT NULL, ' +
        'created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP); ' +
        'CREATE TABLE shop.customers (id INT AUTO_INCREMENT PRIMARY KEY, email TEXT); ' +
        // The grants of docs/grafana-alerts.md, and nothing more.
        `CREATE USER 'grafana_reader'@'%' IDENTIFIED BY '${password}' WITH MAX_USER_CONNECTIONS 5; ` +
        "GRANT SELECT (created_at) ON shop.orders TO 'grafana_reader'@'%';",
    );
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  (haveMaria ? it : it.skip)(
    'answers 1 (stale) for an empty table and a newest row over 2 h old, 0 (fresh) otherwise',
    async () => {
      await expectAnswersAroundThreshold(async () => (await asReader(check.sql)).trim(), newestRowAgo);
    },
    60_000,
  );

  (haveMaria ? it : it.skip)(
    "the datasource's user can run the check and nothing else",
    async () => {
      await expect(asReader('SELECT amount FROM shop.orders')).rejects.toThrow(/command denied/);
      await expect(asReader('SELECT * FROM shop.customers')).rejects.toThrow(/command denied/);
      await expect(asReader('INSERT INTO shop.orders (amount) VALUES (1)')).rejects.toThrow(/command denied/);
    },
    60_000,
  );
});
