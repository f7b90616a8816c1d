/** Dashboard settings (which shipped dashboards are on, extra dashboards). */
export interface DashboardSettings {}
