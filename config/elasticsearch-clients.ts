/**
 * The users the stack's own Elasticsearch clients (log shippers, tracers, UIs) write or read
 * as. A component that talks to the logs store contributes its clients through its settings
 * hook (constructs/component.ts); the Elasticsearch setup Job creates each one's user and
 * least-privilege role, the network flow and its password key in the credentials Secret.
 */

/** Access a client of the cluster gets. */
export type ElasticsearchAccess = 'write' | 'read';

/** Cluster privileges a stack client may get (a closed list: the upstream unions admit any string). */
export type ClientClusterPrivilege = 'monitor' | 'read_ilm' | 'read_pipeline' | 'manage_index_templates';
/** Index privileges a stack client may get. */
export type ClientIndexPrivilege =
  'create_doc' | 'auto_configure' | 'view_index_metadata' | 'read' | 'create_index' | 'index' | 'delete_index';

/** A resolved client. */
export interface ResolvedClient {
  readonly name: string;
  readonly access: ElasticsearchAccess;
  readonly indices: readonly string[];
  readonly namespace: string;
  /**
   * The role's privileges, for stack components whose client does more than append to a data
   * stream (Jaeger creates its daily indices and templates; its cleaner deletes them).
   * @default by access: write = create_doc + auto_configure, read = read
   */
  readonly privileges?: { readonly cluster: readonly ClientClusterPrivilege[]; readonly indices: readonly ClientIndexPrivilege[] };
}
