/**
 * Alerting settings (alert catalog overrides, receivers, routing). Extended by the alerting
 * work; the foundation only carries the object through to the renderers.
 */
export interface AlertingSettings {}

/** Per-service alerting settings (RED metric names, SLOs, probes). */
export interface ServiceAlerting {}
