#!/usr/bin/env bash
# A real Kubernetes API server for the cluster tests: kube-apiserver v1.34.2 and etcd 3.6.6, built from
# the Go module proxy with the machine's Go and cached outside the clone (with kubectl of the same
# release), started on free loopback ports. No scheduler, controller-manager or kubelet runs: test/kube/harness plays them.
#
# How the build works: k8s.io/kubernetes is a Go module whose go.mod points its k8s.io/* staging
# modules at ./staging, which the module zip does not carry, so a wrapper module requires it and
# replaces each staging module with its published v0.34.x release. etcd is built from
# go.etcd.io/etcd/server/v3 with a three-line main around etcdmain.Main. Cold build: 4-15 minutes on
# two cores (about 3 GB of module and build cache); a cached build is reused as long as its version
# matches.
#
# usage: k8s-test-apiserver.sh build            # into $CNS_K8S_CACHE (default ~/.cache/k8s-go) if absent
#        k8s-test-apiserver.sh start RUN_DIR    # builds if needed, starts, writes RUN_DIR/kubeconfig
#        k8s-test-apiserver.sh stop RUN_DIR
#
# RUN_DIR/kubectl is kubectl of the same release. RUN_DIR/kubeconfig has four contexts on one cluster: `admin`, `cli` and `scale` (in system:masters;
# the harness acts as admin, the CLI under test as cli, and as scale where its requests are counted,
# so the audit log tells them apart) and `limited` (a user with no permissions until a test binds
# some). Every request is recorded in
# RUN_DIR/audit.log (one JSON event per line). Exit status 3 means Go is not installed.
set -euo pipefail
cmd=${1:?build|start|stop}
CACHE=${CNS_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/k8s-go}
K8S=1.34.2
ETCD=3.6.6

build() {
  local have_k8s=false
  [ -x "$CACHE/bin/kube-apiserver" ] && [ -x "$CACHE/bin/kubectl" ] &&
    "$CACHE/bin/kube-apiserver" --version | grep -q "v$K8S\$" && have_k8s=true
  [ "$have_k8s" = true ] && [ -x "$CACHE/bin/etcd" ] && return 0
  command -v go >/dev/null || { echo "k8s-test-apiserver: go is not installed: cannot build kube-apiserver" >&2; exit 3; }
  echo "k8s-test-apiserver: building kube-apiserver and kubectl v$K8S, etcd $ETCD into $CACHE (4-15 minutes, once)" >&2
  mkdir -p "$CACHE/src/apiserver" "$CACHE/src/etcd" "$CACHE/bin"
  export GOPATH="$CACHE/gopath" GOMODCACHE="$CACHE/gopath/pkg/mod" GOCACHE="$CACHE/gocache" GOFLAGS=-mod=mod
  if [ "$have_k8s" != true ]; then
    (
      cd "$CACHE/src/apiserver"
      go mod download -json "k8s.io/kubernetes@v$K8S" >/dev/null
      mod="$GOMODCACHE/cache/download/k8s.io/kubernetes/@v/v$K8S.mod"
      {
        printf 'module local/apiserver\n\ngo 1.24.0\n\nrequire k8s.io/kubernetes v%s\n\nreplace (\n' "$K8S"
        awk -v v="v0.${K8S#*.}" '$2 == "=>" && $3 ~ /^\.\/staging\// { print "\t" $1 " => " $1 " " v }' "$mod"
        printf ')\n'
      } >go.mod
      # kubectl of the same release too: the tests read back what cnsctl wrote as a user would.
      printf '//go:build tools\n\npackage tools\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver"\n\t_ "k8s.io/kubernetes/cmd/kubectl"\n)\n' >tools.go
      go mod tidy
      # Without the version stamped in, the binaries report v0.0.0-master.
      minor=${K8S#*.}
      minor=${minor%%.*}
      pkg=k8s.io/component-base/version
      flags="-s -w -X $pkg.gitVersion=v$K8S -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
      for cmd in kube-apiserver kubectl; do
        go build -trimpath -ldflags "$flags" -o "$CACHE/bin/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd"
        mv "$CACHE/bin/$cmd.tmp" "$CACHE/bin/$cmd"
      done
    )
  fi
  if [ ! -x "$CACHE/bin/etcd" ]; then
    (
      cd "$CACHE/src/etcd"
      printf 'module local/etcd\n\ngo 1.24.0\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' "$ETCD" >go.mod
      printf 'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n' >main.go
      go mod tidy
      go build -trimpath -ldflags "-s -w" -o "$CACHE/bin/etcd.tmp" .
      mv "$CACHE/bin/etcd.tmp" "$CACHE/bin/etcd"
    )
  fi
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local run=${1:?RUN_DIR}
  build
  mkdir -p "$run"
  run=$(cd "$run" && pwd)
  local port etcd_port peer_port
  port=$(free_port)
  etcd_port=$(free_port)
  peer_port=$(free_port)
  openssl genrsa -out "$run/sa.key" 2048 2>/dev/null
  openssl rsa -in "$run/sa.key" -pubout -out "$run/sa.pub" 2>/dev/null
  {
    echo 'admintoken,admin,admin,system:masters'
    echo 'clitoken,cli,cli,system:masters'
    echo 'scaletoken,scale,scale,system:masters'
    echo 'limitedtoken,limited,limited'
  } >"$run/tokens.csv"
  cat >"$run/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
  - level: Metadata
EOF
  ln -sf "$CACHE/bin/kubectl" "$run/kubectl"
  "$CACHE/bin/etcd" --data-dir "$run/etcd-data" --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" --initial-cluster "default=http://127.0.0.1:$peer_port" \
    --listen-metrics-urls '' >"$run/etcd.log" 2>&1 &
  echo $! >"$run/etcd.pid"
  # The kubelet's log endpoint is played by the harness over TLS with a self-signed certificate, as a
  # kubelet without a CA-signed serving certificate would; the apiserver is not told its CA.
  # --allow-privileged as every real cluster sets it (the agent's privileged container needs it).
  "$CACHE/bin/kube-apiserver" --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 \
    --advertise-address=127.0.0.1 --secure-port="$port" --cert-dir="$run/certs" --token-auth-file="$run/tokens.csv" \
    --authorization-mode=RBAC --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$run/sa.pub" --service-account-signing-key-file="$run/sa.key" \
    --service-cluster-ip-range=10.96.0.0/24 --endpoint-reconciler-type=none \
    --audit-policy-file="$run/audit-policy.yaml" --audit-log-path="$run/audit.log" --audit-log-mode=blocking \
    --kubelet-preferred-address-types=InternalIP --allow-privileged=true >"$run/apiserver.log" 2>&1 &
  echo $! >"$run/apiserver.pid"
  local server="https://127.0.0.1:$port"
  {
    echo 'apiVersion: v1'
    echo 'kind: Config'
    echo 'clusters:'
    echo "- name: cns-test"
    echo "  cluster: { server: \"$server\", insecure-skip-tls-verify: true }"
    echo 'users:'
    for user in admin cli scale limited; do
      echo "- name: $user"
      echo "  user: { token: ${user}token }"
    done
    echo 'contexts:'
    for user in admin cli scale limited; do
      echo "- name: $user"
      echo "  context: { cluster: cns-test, user: $user, namespace: default }"
    done
    echo 'current-context: cli'
  } >"$run/kubeconfig"
  for _ in $(seq 1 240); do
    if curl -sfk -H 'Authorization: Bearer admintoken' "$server/readyz" >/dev/null 2>&1; then
      echo "k8s-test-apiserver: ready at $server (KUBECONFIG=$run/kubeconfig)" >&2
      return 0
    fi
    if ! kill -0 "$(cat "$run/apiserver.pid")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "k8s-test-apiserver: not ready; see $run/apiserver.log" >&2
  stop "$run"
  return 1
}

stop() {
  local run=${1:?RUN_DIR}
  for p in apiserver etcd; do
    if [ -f "$run/$p.pid" ]; then
      local pid
      pid=$(cat "$run/$p.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$run/$p.pid"
    fi
  done
}

case "$cmd" in
  build) build ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 build | start RUN_DIR | stop RUN_DIR" >&2; exit 2 ;;
esac
