import { ResolvedClient } from '../elasticsearch/settings';
import { CLEANER_USER, JAEGER_USERS } from './files';
import { indexPattern, ResolvedJaeger } from './settings';

/**
 * The Elasticsearch clients of Jaeger, each a user with a least-privilege role on the Jaeger
 * indices only (`indexPattern`): the writer creates its daily indices and their templates and
 * indexes spans; the reader searches; the cleaner may only delete. In dev the one process is
 * writer and reader. Each client's name is its pods' name label (the NetworkPolicy flow to the
 * cluster) and its password key in the credentials Secret.
 */
export function jaegerClients(jaeger: Pick<ResolvedJaeger, 'shape' | 'rotation' | 'indexPrefix'>, namespace: string): ResolvedClient[] {
  const indices = [indexPattern(jaeger)];
  const writer = ['create_index', 'index', 'view_index_metadata'] as const;
  const clients: ResolvedClient[] =
    jaeger.shape === 'single'
      ? [
          {
            name: JAEGER_USERS.single,
            access: 'write',
            indices,
            namespace,
            privileges: { cluster: ['monitor', 'manage_index_templates'], indices: [...writer, 'read'] },
          },
        ]
      : [
          {
            name: JAEGER_USERS.collector,
            access: 'write',
            indices,
            namespace,
            privileges: { cluster: ['monitor', 'manage_index_templates'], indices: [...writer] },
          },
          { name: JAEGER_USERS.query, access: 'read', indices, namespace },
        ];
  if (jaeger.rotation === 'daily')
    clients.push({
      name: CLEANER_USER,
      access: 'write',
      indices,
      namespace,
      privileges: { cluster: ['monitor'], indices: ['delete_index', 'view_index_metadata'] },
    });
  return clients;
}
