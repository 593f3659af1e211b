#!/usr/bin/env bash
# Set up a fresh virtualenv with everything the tests need, then run the whole test suite.
# Used verbatim by the README and by CI (.ci/run). Offline apart from PyPI/Debian registries.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${EVENTWIRE_VENV:-.venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# torch first, alone, so that nothing can resolve it to a CUDA build; then the package with its extras.
"$VENV/bin/pip" install -q --disable-pip-version-check 'torch==2.13.0'
"$VENV/bin/pip" install -q --disable-pip-version-check -e '.[test,ml,train,parquet,postgres,ray]'

# Browser tests drive Debian's chromium through Playwright's Python driver (in the test extras;
# no browser download). Without chromium they skip.
if [ "${EVENTWIRE_SKIP_BROWSER:-0}" != "1" ] && ! command -v chromium >/dev/null 2>&1 \
   && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: chromium could not be installed; browser tests will be skipped" >&2
fi

# The PostgreSQL store tests start a throwaway server of Debian's postgresql on loopback; without it they skip.
if [ "${EVENTWIRE_SKIP_POSTGRES:-0}" != "1" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
   && ! command -v initdb >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || echo "warning: postgresql could not be installed; PostgreSQL store tests will be skipped" >&2
fi

# Build the place index once (later loads take < 1 s); tests would otherwise each wait for it.
"$VENV/bin/eventwire" gazetteer build >/dev/null

exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
