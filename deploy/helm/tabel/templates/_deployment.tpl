{{/* A service's Deployment; (dict "root" $ "name" "journal"). */}}
{{- define "tabel.deployment" -}}
{{- $root := .root -}}
{{- $cfg := index $root.Values .name -}}
{{- $fullName := include "tabel.componentName" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
spec:
  {{- if not $cfg.autoscaling.enabled }}
  replicas: {{ $cfg.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  selector:
    matchLabels:
      {{- include "tabel.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "tabel.labels" . | nindent 8 }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "8000"
        prometheus.io/path: /metrics
    spec:
      serviceAccountName: {{ $fullName }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: 30
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "tabel.selectorLabels" . | nindent 14 }}
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "tabel.selectorLabels" . | nindent 14 }}
      containers:
        - name: {{ .name }}
          image: {{ include "tabel.image" . }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: ["serve"]
          ports:
            - {name: http, containerPort: 8000, protocol: TCP}
            - {name: grpc, containerPort: 50051, protocol: TCP}
          env:
            {{- include "tabel.env" . | nindent 12 }}
          # gRPC starts first (then HTTP): the startup probe asks the gRPC health service,
          # then liveness and readiness take over on HTTP.
          startupProbe:
            grpc: {port: 50051}
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet: {path: /readyz, port: http}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          resources:
            {{- toYaml $cfg.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
      volumes:
        {{- include "tabel.tmpVolume" . | nindent 8 }}
{{- end -}}
