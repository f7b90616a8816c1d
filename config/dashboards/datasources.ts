/** Stable datasource UIDs: dashboards reference these, never names; Grafana's provisioning creates them. */
export const DATASOURCE_UIDS = { prometheus: 'prometheus', alertmanager: 'alertmanager' } as const;
