{{/* `python -m tabel_<svc> migrate` before every install and upgrade; (dict "root" $ "name" svc). */}}
{{- define "tabel.migrationJob" -}}
{{- $root := .root -}}
{{- $fullName := include "tabel.componentName" . -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ $fullName }}-migrate
  labels:
    {{- include "tabel.commonLabels" $root | nindent 4 }}
    app.kubernetes.io/name: tabel-{{ .name }}-migrate
    app.kubernetes.io/component: {{ .name }}-migrate
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
    "helm.sh/hook-weight": "0"
    "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
spec:
  backoffLimit: 3
  activeDeadlineSeconds: 900
  ttlSecondsAfterFinished: 86400
  template:
    metadata:
      labels:
        {{- include "tabel.commonLabels" $root | nindent 8 }}
        app.kubernetes.io/name: tabel-{{ .name }}-migrate
        app.kubernetes.io/component: {{ .name }}-migrate
    spec:
      restartPolicy: Never
      # The service's ServiceAccount does not exist yet at pre-install; no API access needed.
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: migrate
          image: {{ include "tabel.image" . }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          args: ["migrate"]
          env:
            {{- include "tabel.env" . | nindent 12 }}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 512Mi}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
      volumes:
        {{- include "tabel.tmpVolume" . | nindent 8 }}
{{- end -}}
