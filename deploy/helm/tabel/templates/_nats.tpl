{{/* nats.conf of the in-chart JetStream cluster; called with the root context. */}}
{{- define "tabel.natsConf" -}}
{{- $name := include "tabel.componentName" (dict "root" . "name" "nats") -}}
{{- $nats := .Values.nats -}}
server_name: $SERVER_NAME
listen: 0.0.0.0:4222
http: 0.0.0.0:8222
pid_file: /var/run/nats/nats.pid
lame_duck_duration: 30s
lame_duck_grace_period: 10s
jetstream {
  store_dir: /data
  max_memory_store: {{ $nats.jetstream.maxMemoryStore }}
  max_file_store: {{ $nats.jetstream.maxFileStore }}
}
cluster {
  name: {{ $nats.clusterName }}
  listen: 0.0.0.0:6222
  routes: [
    {{- range $i, $_ := until (int $nats.replicas) }}
    nats://{{ $name }}-{{ $i }}.{{ $name }}-headless:6222
    {{- end }}
  ]
}
{{- end -}}
