/// The files `rudder create` writes, with `<CHARTNAME>` where the chart name goes.
/// They make the same objects as `helm create` (a Deployment, Service, ServiceAccount,
/// optional Ingress, HTTPRoute and HorizontalPodAutoscaler, and a test Pod) from the same
/// values, so a scaffold renders as Helm's does; the wording is Rudder's own.
enum ChartScaffoldFiles {
    /// Chart-relative path and content, in the order they are written.
    static let all: [(path: String, content: String)] = [
        ("Chart.yaml", chartYAML),
        ("values.yaml", valuesYAML),
        (".helmignore", helmIgnore),
        ("templates/_helpers.tpl", helpers),
        ("templates/deployment.yaml", deployment),
        ("templates/service.yaml", service),
        ("templates/serviceaccount.yaml", serviceAccount),
        ("templates/ingress.yaml", ingress),
        ("templates/httproute.yaml", httpRoute),
        ("templates/hpa.yaml", hpa),
        ("templates/NOTES.txt", notes),
        ("templates/tests/test-connection.yaml", testConnection),
    ]

    static let chartYAML = #"""
apiVersion: v2
name: <CHARTNAME>
description: A Helm chart for Kubernetes

# "application" charts install workloads; "library" charts only share helper
# templates with the charts that depend on them and cannot be installed.
type: application

# The chart's own version (SemVer). Raise it whenever the chart changes.
version: 0.1.0

# The version of the software the chart deploys; quote it so YAML keeps it a string.
appVersion: "1.16.0"

"""#

    static let valuesYAML = #"""
# Default configuration for <CHARTNAME>.
# Override any of it with -f my-values.yaml or --set key=value.

# How many pods the Deployment runs (ignored while autoscaling is on).
replicaCount: 1

# The container image. An empty tag means the chart's appVersion.
image:
  repository: nginx
  pullPolicy: IfNotPresent
  tag: ""

# Secrets holding registry credentials, e.g. [{name: my-registry}].
imagePullSecrets: []
# Replace the chart name (nameOverride) or the whole object name (fullnameOverride).
nameOverride: ""
fullnameOverride: ""

# The ServiceAccount the pods run as.
serviceAccount:
  # Make one for this release.
  create: true
  # Mount its API token into the pods.
  automount: true
  annotations: {}
  # Use this name; when empty and create is true, the release's full name is used.
  name: ""

# Extra annotations and labels for the pods.
podAnnotations: {}
podLabels: {}

# Security settings for the pod and for its container.
podSecurityContext: {}
  # fsGroup: 2000

securityContext: {}
  # runAsNonRoot: true
  # runAsUser: 1000
  # readOnlyRootFilesystem: true
  # capabilities:
  #   drop: [ALL]

# The Service in front of the pods.
service:
  type: ClusterIP
  port: 80

# An Ingress for the Service (needs an ingress controller in the cluster).
ingress:
  enabled: false
  className: ""
  annotations: {}
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
  #  - secretName: chart-example-tls
  #    hosts: [chart-example.local]

# A Gateway API HTTPRoute for the Service (needs the Gateway API CRDs and a gateway).
httpRoute:
  enabled: false
  annotations: {}
  # The gateways the route attaches to.
  parentRefs:
  - name: gateway
    sectionName: http
  # Host names the route answers for.
  hostnames:
  - chart-example.local
  # Matches (and optional filters) for the requests sent to the Service.
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /headers

# Container resources; left empty on purpose so the chart runs on small clusters.
resources: {}
  # requests:
  #   cpu: 100m
  #   memory: 128Mi
  # limits:
  #   cpu: 100m
  #   memory: 128Mi

# Health checks for the container.
livenessProbe:
  httpGet:
    path: /
    port: http
readinessProbe:
  httpGet:
    path: /
    port: http

# A HorizontalPodAutoscaler for the Deployment.
autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 100
  targetCPUUtilizationPercentage: 80
  # targetMemoryUtilizationPercentage: 80

# Extra volumes for the pod and where the container mounts them.
volumes: []
volumeMounts: []

# Scheduling.
nodeSelector: {}

tolerations: []

affinity: {}

"""#

    static let helmIgnore = #"""
# Files left out of the packaged chart. One pattern a line: shell globs,
# relative paths, and ! to negate.
.DS_Store
# Version control
.git/
.gitignore
.bzr/
.bzrignore
.hg/
.hgignore
.svn/
# Editor and backup files
*.swp
*.bak
*.tmp
*.orig
*~
.project
.idea/
*.tmproj
.vscode/

"""#

    static let helpers = #"""
{{/*
The chart's short name: nameOverride when given, else the chart name, cut to the
63 characters a Kubernetes label value allows.
*/}}
{{- define "<CHARTNAME>.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name objects of this release get. fullnameOverride wins; otherwise the release
name, followed by the chart name unless the release name already contains it.
Cut to 63 characters, since some name fields are DNS labels.
*/}}
{{- define "<CHARTNAME>.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $short := default .Chart.Name .Values.nameOverride }}
{{- if contains $short .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $short | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
"<chart>-<version>" for the helm.sh/chart label ("+" is not allowed in labels).
*/}}
{{- define "<CHARTNAME>.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels every object of the chart carries.
*/}}
{{- define "<CHARTNAME>.labels" -}}
helm.sh/chart: {{ include "<CHARTNAME>.chart" . }}
{{ include "<CHARTNAME>.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The labels that pick this release's pods; they must not change between upgrades.
*/}}
{{- define "<CHARTNAME>.selectorLabels" -}}
app.kubernetes.io/name: {{ include "<CHARTNAME>.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The service account the pods run as.
*/}}
{{- define "<CHARTNAME>.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "<CHARTNAME>.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

"""#

    static let deployment = #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "<CHARTNAME>.fullname" . }}
  labels:
    {{- include "<CHARTNAME>.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "<CHARTNAME>.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      labels:
        {{- include "<CHARTNAME>.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      serviceAccountName: {{ include "<CHARTNAME>.serviceAccountName" . }}
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .Values.service.port }}
              protocol: TCP
          {{- range $probe := list "livenessProbe" "readinessProbe" "resources" "volumeMounts" }}
          {{- with index $.Values $probe }}
          {{ $probe }}:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- end }}
      {{- range $field := list "volumes" "nodeSelector" "affinity" "tolerations" }}
      {{- with index $.Values $field }}
      {{ $field }}:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- end }}

"""#

    static let service = #"""
apiVersion: v1
kind: Service
metadata:
  name: {{ include "<CHARTNAME>.fullname" . }}
  labels:
    {{- include "<CHARTNAME>.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
      name: http
  selector:
    {{- include "<CHARTNAME>.selectorLabels" . | nindent 4 }}

"""#

    static let serviceAccount = #"""
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "<CHARTNAME>.serviceAccountName" . }}
  labels:
    {{- include "<CHARTNAME>.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .Values.serviceAccount.automount }}
{{- end }}

"""#

    static let ingress = #"""
{{- with .Values.ingress }}
{{- if .enabled -}}
{{- $fullName := include "<CHARTNAME>.fullname" $ -}}
{{- $port := $.Values.service.port -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "<CHARTNAME>.labels" $ | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with .tls }}
  tls:
    {{- range . }}
    - hosts:
        {{- range .hosts }}
        - {{ . | quote }}
        {{- end }}
      secretName: {{ .secretName }}
    {{- end }}
  {{- end }}
  rules:
    {{- range .hosts }}
    - host: {{ .host | quote }}
      http:
        paths:
          {{- range .paths }}
          - path: {{ .path }}
            {{- with .pathType }}
            pathType: {{ . }}
            {{- end }}
            backend:
              service:
                name: {{ $fullName }}
                port:
                  number: {{ $port }}
          {{- end }}
    {{- end }}
{{- end }}
{{- end }}

"""#

    static let httpRoute = #"""
{{- with .Values.httpRoute }}
{{- if .enabled -}}
{{- $fullName := include "<CHARTNAME>.fullname" $ -}}
{{- $port := $.Values.service.port -}}
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: {{ $fullName }}
  labels:
    {{- include "<CHARTNAME>.labels" $ | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  parentRefs:
    {{- with .parentRefs }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with .hostnames }}
  hostnames:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    {{- range .rules }}
    {{- with .matches }}
    - matches:
      {{- toYaml . | nindent 8 }}
    {{- end }}
    {{- with .filters }}
      filters:
      {{- toYaml . | nindent 8 }}
    {{- end }}
      backendRefs:
        - name: {{ $fullName }}
          port: {{ $port }}
          weight: 1
    {{- end }}
{{- end }}
{{- end }}

"""#

    static let hpa = #"""
{{- with .Values.autoscaling }}
{{- if .enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "<CHARTNAME>.fullname" $ }}
  labels:
    {{- include "<CHARTNAME>.labels" $ | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "<CHARTNAME>.fullname" $ }}
  minReplicas: {{ .minReplicas }}
  maxReplicas: {{ .maxReplicas }}
  metrics:
    {{- range $resource, $target := dict "cpu" .targetCPUUtilizationPercentage "memory" .targetMemoryUtilizationPercentage }}
    {{- if $target }}
    - type: Resource
      resource:
        name: {{ $resource }}
        target:
          type: Utilization
          averageUtilization: {{ $target }}
    {{- end }}
    {{- end }}
{{- end }}
{{- end }}

"""#

    static let notes = #"""
Reach the application:
{{- $fullName := include "<CHARTNAME>.fullname" . }}
{{- $ns := .Release.Namespace }}
{{- if .Values.httpRoute.enabled }}
{{- $gateway := first .Values.httpRoute.parentRefs }}
{{- $gatewayNs := $gateway.namespace | default $ns }}
{{- if .Values.httpRoute.hostnames }}
  export APP_HOSTNAME={{ first .Values.httpRoute.hostnames }}
{{- else }}
  export APP_HOSTNAME=$(kubectl get --namespace {{ $gatewayNs }} gateway/{{ $gateway.name }} -o jsonpath="{.spec.listeners[0].hostname}")
{{- end }}
{{- with .Values.httpRoute.rules }}
{{- with (first .).matches }}
{{- with (first .).path.value }}
  echo "Open http://$APP_HOSTNAME{{ . }}"

  The route only works when the gateway has a matching listener; inspect it with
  kubectl get --namespace {{ $gatewayNs }} gateway/{{ $gateway.name }} -o yaml
{{- end }}
{{- end }}
{{- end }}
{{- else if .Values.ingress.enabled }}
{{- $scheme := ternary "https" "http" (not (empty .Values.ingress.tls)) }}
{{- range $host := .Values.ingress.hosts }}
{{- range .paths }}
  {{ $scheme }}://{{ $host.host }}{{ .path }}
{{- end }}
{{- end }}
{{- else if contains "NodePort" .Values.service.type }}
  export NODE_PORT=$(kubectl get --namespace {{ $ns }} -o jsonpath="{.spec.ports[0].nodePort}" services {{ $fullName }})
  export NODE_IP=$(kubectl get nodes --namespace {{ $ns }} -o jsonpath="{.items[0].status.addresses[0].address}")
  echo http://$NODE_IP:$NODE_PORT
{{- else if contains "LoadBalancer" .Values.service.type }}
  The external IP can take a few minutes to appear; follow it with
  kubectl get --namespace {{ $ns }} svc -w {{ $fullName }}
  export SERVICE_IP=$(kubectl get svc --namespace {{ $ns }} {{ $fullName }} --template "{{ "{{ range (index .status.loadBalancer.ingress 0) }}{{ . }}{{ end }}" }}")
  echo http://$SERVICE_IP:{{ .Values.service.port }}
{{- else if contains "ClusterIP" .Values.service.type }}
  export POD_NAME=$(kubectl get pods --namespace {{ $ns }} -l "app.kubernetes.io/name={{ include "<CHARTNAME>.name" . }},app.kubernetes.io/instance={{ .Release.Name }}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace {{ $ns }} $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  kubectl --namespace {{ $ns }} port-forward $POD_NAME 8080:$CONTAINER_PORT
  echo "Then open http://127.0.0.1:8080"
{{- end }}

"""#

    static let testConnection = #"""
apiVersion: v1
kind: Pod
metadata:
  name: "{{ include "<CHARTNAME>.fullname" . }}-test-connection"
  labels:
    {{- include "<CHARTNAME>.labels" . | nindent 4 }}
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['{{ include "<CHARTNAME>.fullname" . }}:{{ .Values.service.port }}']
  restartPolicy: Never

"""#
}
