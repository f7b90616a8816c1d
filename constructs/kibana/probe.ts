import { kibanaUrl } from './files';
import { kibanaSpec } from './spec';

/** The URL the blackbox exporter probes: Kibana's status API through its Service (200 only while available). */
export function kibanaStatusUrl(namespace: string): string {
  return `${kibanaUrl(namespace)}${kibanaSpec.readinessPath}`;
}
