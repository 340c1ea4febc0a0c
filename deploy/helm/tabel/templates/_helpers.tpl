{{/* Names and labels shared by every template. */}}

{{- define "tabel.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The services this chart deploys, in start order. */}}
{{- define "tabel.serviceNames" -}}
identity roster schedule journal reporting
{{- end -}}

{{/* `<fullname>-<component>`; call with (dict "root" $ "name" "journal"). */}}
{{- define "tabel.componentName" -}}
{{- printf "%s-%s" (include "tabel.fullname" .root) .name -}}
{{- end -}}

{{- define "tabel.baseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: tabel
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "tabel.commonLabels" -}}
{{ include "tabel.baseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one component; (dict "root" $ "name" "journal"). */}}
{{- define "tabel.selectorLabels" -}}
app.kubernetes.io/name: tabel-{{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "tabel.labels" -}}
{{ include "tabel.baseLabels" .root }}
{{ include "tabel.selectorLabels" . }}
{{- end -}}

{{- define "tabel.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name $tag -}}
{{- end -}}

{{- define "tabel.secretName" -}}
{{- include "tabel.componentName" . -}}
{{- end -}}

{{- define "tabel.oidcIssuers" -}}
{{- $issuer := printf "%s/realms/%s" (trimSuffix "/" .Values.keycloak.url) .Values.keycloak.realm -}}
{{- if .Values.oidc.extraIssuers -}}
{{- printf "%s,%s" $issuer .Values.oidc.extraIssuers -}}
{{- else -}}
{{- $issuer -}}
{{- end -}}
{{- end -}}

{{- define "tabel.natsUrl" -}}
{{- if .Values.nats.externalUrl -}}
{{- .Values.nats.externalUrl -}}
{{- else if .Values.nats.enabled -}}
{{- printf "nats://%s:4222" (include "tabel.componentName" (dict "root" . "name" "nats")) -}}
{{- else -}}
{{- fail "NATS is needed: set nats.enabled=true or nats.externalUrl" -}}
{{- end -}}
{{- end -}}
