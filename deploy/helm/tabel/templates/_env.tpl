{{/* Environment of a service container: the fields of tabel_platform.settings.ServiceSettings
     plus TABEL_<PEER>_GRPC_TARGET for every other enabled service. (dict "root" $ "name" svc) */}}
{{- define "tabel.env" -}}
{{- $root := .root -}}
{{- $cfg := index $root.Values .name -}}
{{- $secret := include "tabel.secretName" . -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: database-url}
- name: DATABASE_POOL_SIZE
  value: {{ $cfg.databasePoolSize | default 10 | quote }}
- name: NATS_URL
  value: {{ include "tabel.natsUrl" $root | quote }}
- name: HTTP_HOST
  value: "0.0.0.0"
- name: HTTP_PORT
  value: "8000"
- name: GRPC_HOST
  value: "0.0.0.0"
- name: GRPC_PORT
  value: "50051"
- name: OIDC_ISSUERS
  value: {{ include "tabel.oidcIssuers" $root | quote }}
- name: OIDC_AUDIENCE
  value: {{ $root.Values.oidc.audience | quote }}
- name: OIDC_CLIENT_ID
  value: svc-{{ .name }}
- name: OIDC_CLIENT_SECRET
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: oidc-client-secret}
- name: LOG_LEVEL
  value: {{ $root.Values.logLevel | quote }}
- name: LOG_JSON
  value: "true"
{{- range $peer := splitList " " (include "tabel.serviceNames" $root) }}
{{- if and (ne $peer $.name) (index $root.Values $peer).enabled }}
- name: TABEL_{{ upper $peer }}_GRPC_TARGET
  value: {{ include "tabel.componentName" (dict "root" $root "name" $peer) }}:50051
{{- end }}
{{- end }}
{{- with $cfg.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Writable scratch space: the root filesystem is read-only. */}}
{{- define "tabel.tmpVolume" -}}
- name: tmp
  emptyDir: {medium: Memory, sizeLimit: 64Mi}
{{- end -}}
