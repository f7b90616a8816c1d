// A consumer's Pulumi program through the `./pulumi` entry, run under Pulumi mocks (no engine).
import * as pulumi from '@pulumi/pulumi';
import { ClusterStack, DockerStack, readStackConfig } from 'typed-observability-stack/pulumi';
import type { ClusterStackArgs, StackConfig } from 'typed-observability-stack/pulumi';

async function main(): Promise<void> {
  const registered: Array<{ type: string; inputs: Record<string, any> }> = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => (registered.push({ type: args.type, inputs: args.inputs }), { id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    'consumer',
    'dev',
    false,
  );
  const secrets = { 'consumer:slackWebhookUrl': 'https://hooks.example.invalid/consumer', 'consumer:smtpPassword': 'consumer-smtp' };
  pulumi.runtime.setAllConfig(
    { 'consumer:target': 'kubernetes', 'consumer:profile': 'dev', 'consumer:cluster': 'consumer-cluster', ...secrets },
    Object.keys(secrets),
  );
  const config: StackConfig = readStackConfig(new pulumi.Config(), 'dev');
  const args: ClusterStackArgs = {
    settings: { ...config.input, services: [{ name: 'orders-api', namespace: 'orders', port: 8080 }] },
    secrets: config.secrets,
    serverSideApply: config.kubernetes.serverSideApply,
  };
  const cluster = new ClusterStack('obs', args);
  const address = await new Promise<string>((resolve) => pulumi.output(cluster.services.prometheus.address).apply(resolve));
  for (let last = -1, i = 0; i < 100 && last !== registered.length; i++) {
    last = registered.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup');
  console.log(
    JSON.stringify({
      target: config.target,
      dockerStack: typeof DockerStack,
      address,
      types: [...new Set(registered.map((r) => r.type))].sort(),
      kinds: [...new Set((group?.inputs.objs ?? []).map((o: { kind: string }) => o.kind))].sort(),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
