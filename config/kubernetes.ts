/** Facts about Kubernetes itself that several components use. */

/** The kubelet's authenticated HTTPS port (`/metrics`, `/metrics/cadvisor`). */
export const KUBELET_PORT = 10250;
/** Ports of the API server as seen from pods (Service port 443, often 6443 on the endpoints). */
export const API_SERVER_PORTS = [443, 6443] as const;
/** In-cluster address of the API server's Service. */
export const API_SERVER_ADDRESS = 'kubernetes.default.svc:443';
/** Where the service-account token and CA are mounted (projected volume). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
