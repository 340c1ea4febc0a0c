{{/* Everything one service needs; each services' template calls
     {{ include "tabel.component" (dict "root" $ "name" "journal") }}. */}}
{{- define "tabel.component" -}}
{{- $root := .root -}}
{{- $cfg := index $root.Values .name -}}
{{- if $cfg.enabled -}}
{{- $fullName := include "tabel.componentName" . -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "tabel.selectorLabels" . | nindent 4 }}
  ports:
    - {name: http, port: 8000, targetPort: http, appProtocol: http}
    - {name: grpc, port: 50051, targetPort: grpc, appProtocol: grpc}
---
{{ include "tabel.deployment" . }}
{{- if $cfg.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{ $fullName }}}
  minReplicas: {{ $cfg.autoscaling.minReplicas }}
  maxReplicas: {{ $cfg.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: {{ $cfg.autoscaling.targetCPUUtilizationPercentage }}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
{{- end }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
spec:
  minAvailable: {{ $cfg.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "tabel.selectorLabels" . | nindent 6 }}
{{- if $root.Values.networkPolicy.enabled }}
---
{{ include "tabel.networkPolicy" . }}
{{- end }}
{{- if $root.Values.monitoring.serviceMonitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
    {{- with $root.Values.monitoring.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  # job="tabel-<service>": the alert rules and the dashboard group by it.
  jobLabel: app.kubernetes.io/name
  selector:
    matchLabels:
      {{- include "tabel.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ $root.Values.monitoring.serviceMonitor.interval }}
{{- end }}
{{- if $cfg.migrations.enabled }}
---
{{ include "tabel.migrationJob" . }}
{{- end }}
{{- end }}
{{- end -}}
