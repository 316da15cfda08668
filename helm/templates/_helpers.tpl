{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "asp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "asp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "asp.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "asp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "asp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "asp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The Secret the pods read ASP_DB_* and ASP_OPERATOR_TOKEN from; empty when there is none. */}}
{{- define "asp.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else if or .Values.database.url .Values.operatorToken }}
{{- include "asp.fullname" . }}
{{- end }}
{{- end }}

{{/* Whether the service runs on PostgreSQL (as far as the chart can tell: an existing Secret is trusted to name it). */}}
{{- define "asp.externalDatabase" -}}
{{- if or .Values.existingSecret .Values.database.url }}true{{ end }}
{{- end }}

{{/* Refuse combinations that would lose data or split the embedded database. */}}
{{- define "asp.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not (include "asp.externalDatabase" .)) }}
{{- fail "replicaCount > 1 needs PostgreSQL: set database.url (or existingSecret); the embedded database lives in one pod" }}
{{- end }}
{{- if and .Values.persistence.enabled (gt (int .Values.replicaCount) 1) }}
{{- fail "persistence keeps the embedded database of a single pod: use it only with replicaCount 1" }}
{{- end }}
{{- if and .Values.persistence.enabled (include "asp.externalDatabase" .) }}
{{- fail "persistence is for the embedded database; with PostgreSQL the data lives there" }}
{{- end }}
{{- if and .Values.database.url (not (hasPrefix "jdbc:postgresql:" .Values.database.url)) }}
{{- fail "database.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)" }}
{{- end }}
{{- end }}
