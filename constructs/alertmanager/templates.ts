/** File name of the notification templates inside Alertmanager's config directory. */
export const TEMPLATE_FILE = 'notifications.tmpl';

/**
 * Notification templates for Slack, e-mail (HTML) and PagerDuty. Each carries the summary,
 * severity, service and runbook link of every alert of the group. Only fields of the alerts
 * are used, never secrets.
 */
export function renderTemplates(): string {
  return (
    `{{/* Notification templates of the observability stack. */}}

{{ define "stack.title" -}}
[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}` +
    `{{ with .CommonLabels.service }} ({{ . }}){{ end }}
{{- end }}

{{ define "stack.slack.text" -}}
{{ range .Alerts -}}
*{{ .Labels.severity | toUpper }}* {{ .Annotations.summary }}
{{ .Annotations.description }}
{{ with .Labels.service }}Service: {{ . }} · {{ end }}Cluster: {{ .Labels.cluster }}
Runbook: {{ .Annotations.runbook_url }}
{{ end -}}
{{- end }}

{{ define "stack.email.subject" -}}
{{ template "stack.title" . }}
{{- end }}

{{ define "stack.email.html" -}}
<!DOCTYPE html>
<html><body style="font-family: sans-serif">
<h2>{{ template "stack.title" . }}</h2>
<table cellpadding="6" style="border-collapse: collapse">
<tr><th align="left">Severity</th><th align="left">Service</th><th align="left">Summary</th><th align="left">Runbook</th></tr>
{{ range .Alerts -}}
<tr>
<td>{{ .Labels.severity }}</td>
<td>{{ .Labels.service }}</td>
<td><b>{{ .Annotations.summary }}</b><br>{{ .Annotations.description }}</td>
<td><a href="{{ .Annotations.runbook_url }}">runbook</a></td>
</tr>
{{ end -}}
</table>
</body></html>
{{- end }}

{{ define "stack.pagerduty.description" -}}
{{ template "stack.title" . }}: {{ .CommonAnnotations.summary }}
{{- end }}

{{ define "stack.pagerduty.runbook" -}}
{{ range .Alerts }}{{ .Annotations.runbook_url }} {{ end }}
{{- end }}
`
  );
}
