#!/usr/bin/env bash
# Installs the external tools the static conformance checks (test/conformance/static) run.
# Idempotent: a tool already present at the pinned version is kept. Needs go, python3 and npm.
# Where: $STATIC_CHECK_TOOLS_DIR, default ~/.cache/create-scalable-backend/static-check-tools
# (tools.ts reads the same variable).
set -euo pipefail

TOOLS_DIR="${STATIC_CHECK_TOOLS_DIR:-$HOME/.cache/create-scalable-backend/static-check-tools}"
KUSTOMIZE_VERSION=v5.8.2          # v5.8.3 needs go >= 1.27
ACTIONLINT_VERSION=v1.7.12
KUBERNETES_VALIDATE_VERSION=1.37.0 # ships the strict Kubernetes JSON schemas v1.25..v1.37
RENOVATE_VERSION=44.121.2

GO="$(command -v go || echo /usr/local/go/bin/go)"

mkdir -p "$TOOLS_DIR/bin"

# marker NAME VERSION: true when NAME was installed at VERSION by this script.
marker() { [[ -f "$TOOLS_DIR/.installed-$1" && "$(cat "$TOOLS_DIR/.installed-$1")" == "$2" ]]; }
mark() { printf '%s' "$2" > "$TOOLS_DIR/.installed-$1"; }

if ! marker kustomize "$KUSTOMIZE_VERSION"; then
  GOBIN="$TOOLS_DIR/bin" "$GO" install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  mark kustomize "$KUSTOMIZE_VERSION"
fi

if ! marker actionlint "$ACTIONLINT_VERSION"; then
  GOBIN="$TOOLS_DIR/bin" "$GO" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  mark actionlint "$ACTIONLINT_VERSION"
fi

if ! marker kubernetes-validate "$KUBERNETES_VALIDATE_VERSION"; then
  python3 -m venv "$TOOLS_DIR/venv"
  "$TOOLS_DIR/venv/bin/pip" install --quiet --disable-pip-version-check \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  mark kubernetes-validate "$KUBERNETES_VALIDATE_VERSION"
fi

if ! marker renovate "$RENOVATE_VERSION"; then
  npm install --prefix "$TOOLS_DIR/renovate" --no-save --no-audit --no-fund --loglevel=error \
    "renovate@$RENOVATE_VERSION"
  mark renovate "$RENOVATE_VERSION"
fi

echo "static-check tools ready in $TOOLS_DIR"
