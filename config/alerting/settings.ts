/**
 * Alerting settings (alert catalog overrides, receivers, routing). Extended by the alerting
 * work; the foundation only carries the object through to the renderers.
 */
export interface AlertingSettings {}

/** Per-service alerting settings (RED metric names, SLOs, probes). */
export interface ServiceAlerting {}

/** Name of the optional Kubernetes Secret holding receiver credentials, one key per file. */
export const ALERTMANAGER_SECRET_NAME = 'alertmanager-receivers';
