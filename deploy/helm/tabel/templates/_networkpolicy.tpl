{{/* Ingress to one service: HTTP from the ingress controller and the portal, /metrics (same
     port) from Prometheus, gRPC only from the components in `<svc>.grpcCallers`. */}}
{{- define "tabel.networkPolicy" -}}
{{- $root := .root -}}
{{- $cfg := index $root.Values .name -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "tabel.componentName" . }}
  labels:
    {{- include "tabel.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "tabel.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    - ports:
        - {port: 8000, protocol: TCP}
      from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $root.Values.networkPolicy.ingressNamespace }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/instance: {{ $root.Release.Name }}
              app.kubernetes.io/component: portal
    - ports:
        - {port: 8000, protocol: TCP}
      from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $root.Values.networkPolicy.prometheusNamespace }}
    {{- with $cfg.grpcCallers }}
    - ports:
        - {port: 50051, protocol: TCP}
      from:
        - podSelector:
            matchExpressions:
              - {key: app.kubernetes.io/instance, operator: In, values: [{{ $root.Release.Name }}]}
              - key: app.kubernetes.io/component
                operator: In
                values: [{{ join ", " . }}]
    {{- end }}
{{- end -}}
