#!/usr/bin/env bash
# Installs schemathesis (PyPI) into .cache/schemathesis, an ignored virtual environment, for the
# API fuzzing test (test/server/schemathesis.test.ts). Safe to run again: it does nothing when the
# pinned version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.32.5
VENV=.cache/schemathesis
if [ -x "$VENV/bin/schemathesis" ] && "$VENV/bin/pip" show schemathesis 2>/dev/null | grep -qx "Version: $VERSION"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
