import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, Server } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { renderBlackboxConfig } from '../../constructs/blackbox-exporter/files';
import { freePort, http, Running, start, waitReady } from '../support/processes';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';

describe('blackbox.yml', () => {
  it('offers an HTTP 2xx module and a TCP connect module, no ICMP', () => {
    const modules = parse(renderBlackboxConfig()).modules;
    expect(Object.keys(modules)).toEqual(['http_2xx', 'tcp_connect']);
    expect(modules.http_2xx.prober).toBe('http');
    expect(modules.tcp_connect.prober).toBe('tcp');
    expect(JSON.stringify(modules)).not.toContain('icmp');
  });
});

const blackbox = realTool(TOOLS.blackboxExporter);
const blackboxVersion = blackbox ? toolVersion(blackbox) : 'blackbox exporter missing';

describe(`the real blackbox exporter runs the rendered modules (127.0.0.1, ${blackboxVersion})`, () => {
  const processes: Running[] = [];
  let server: Server | undefined;
  let dir = '';
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  itWithTool(TOOLS.blackboxExporter)(
    'probes succeed while the target answers and fail once it is gone',
    async () => {
      const bin = blackbox!;
      dir = mkdtempSync(join(tmpdir(), 'blackbox-'));
      writeFileSync(join(dir, 'blackbox.yml'), renderBlackboxConfig());
      const [exporterPort, targetPort] = [await freePort(), await freePort()];
      processes.push(
        start('blackbox', bin, [`--config.file=${join(dir, 'blackbox.yml')}`, `--web.listen-address=127.0.0.1:${exporterPort}`]),
      );
      await waitReady(`http://127.0.0.1:${exporterPort}/-/healthy`, 15000);
      server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end());
      await new Promise<void>((resolve) => server!.listen(targetPort, '127.0.0.1', resolve));

      const probe = async (module: string, target: string) => {
        const { body } = await http('GET', `http://127.0.0.1:${exporterPort}/probe?module=${module}&target=${encodeURIComponent(target)}`);
        return /^probe_success (\d)/m.exec(body)?.[1];
      };
      expect(await probe('http_2xx', `http://127.0.0.1:${targetPort}/healthz`)).toBe('1');
      expect(await probe('http_2xx', `http://127.0.0.1:${targetPort}/missing`)).toBe('0');
      expect(await probe('tcp_connect', `127.0.0.1:${targetPort}`)).toBe('1');
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
      expect(await probe('http_2xx', `http://127.0.0.1:${targetPort}/healthz`)).toBe('0');
      expect(await probe('tcp_connect', `127.0.0.1:${targetPort}`)).toBe('0');
    },
    30000,
  );
});
