#!/usr/bin/env bash
# One entry point for a fresh machine. It sets up what is missing, then runs the command.
#
#   ./scripts/dev.sh serve    preview the site at http://127.0.0.1:8000 (rebuilds when data/plan.yaml changes)
#   ./scripts/dev.sh test     the whole test suite, real-browser tests included
#   ./scripts/dev.sh check    check data/plan.yaml and data/progress.yaml only
#   ./scripts/dev.sh build    build the site into site/ (left untouched if the build fails)
#   ./scripts/dev.sh bench    benchmark build and page cost at 1x, 10x, 50x (--quick: 1x only)
#   ./scripts/dev.sh lint     zizmor (workflow security), ruff, mypy and import-linter (settings in pyproject.toml)
#   ./scripts/dev.sh import SOURCE [--out DRAFT] [--force]   a published plan (.txt, .html, .docx, .pdf) → a draft plan.yaml
#   ./scripts/dev.sh review BASE [HEAD]   what the data's change since git revision BASE changes on the site
#   ./scripts/dev.sh intake EVENT.json    a submitted issue form → a record in data/progress.yaml (the workflow's)
#
# Needs Python 3.10+. For tests it also installs Debian's chromium, a Chinese font, LibreOffice Calc, Java and Node when
# they are missing (apt-get, as root or through sudo); Playwright drives that Chromium, it never downloads
# one. The HTML checker and Lighthouse come from npm (package-lock.json, `npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
PY="$VENV/bin/python"

setup_python() {
  if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV"
  fi
  # Reinstall only when requirements.txt changed since the last install.
  local stamp="$VENV/.requirements.sha"
  local want
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$PY" -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > "$stamp"
  fi
  # The project itself, as a package whose code is this folder's src/ (an editable install): MkDocs' plugin,
  # the command line, the tests and the benchmark all import it from here.
  if [ ! -f "$VENV/.plansite-installed" ] || [ pyproject.toml -nt "$VENV/.plansite-installed" ]; then
    "$PY" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    touch "$VENV/.plansite-installed"
  fi
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! $sudo apt-get install -y --no-install-recommends "$@" >/dev/null; then
    $sudo apt-get update >/dev/null
    $sudo apt-get install -y --no-install-recommends "$@" >/dev/null
  fi
}

setup_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # Screenshots, print PDFs and text metrics need a Chinese font; phones have one, a bare server does not.
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
  # The print-layout tests read the PDF Chromium prints with pdftotext.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  # The spreadsheet tests recalculate a download's formulas in LibreOffice Calc, headless (soffice alone may
  # be Writer's: Calc's own library is the sign of Calc).
  [ -e /usr/lib/libreoffice/program/libsclo.so ] || missing+=(libreoffice-calc-nogui)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian ..."
    apt_install "${missing[@]}"
  fi
}

# The W3C Nu HTML checker (tests) and Lighthouse (benchmark) come from npm, pinned in package-lock.json;
# the checker runs on Java. Debian's packages are installed when missing; `npm ci` only when the lock
# file changed since the last install. vnu-jar's postinstall (a Java download) is not run: Debian's is used.
setup_node_tools() {
  local missing=()
  command -v java >/dev/null || missing+=(default-jre-headless)
  command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from Debian ..."
    apt_install "${missing[@]}"
  fi
  local stamp="node_modules/.package-lock.sha"
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    npm ci --ignore-scripts --no-audit --no-fund >/dev/null
    echo "$want" > "$stamp"
  fi
}

cmd="${1:-}"
shift || true
case "$cmd" in
  serve)
    setup_python
    exec "$VENV/bin/mkdocs" serve --watch src/plansite "$@"
    ;;
  test)
    setup_python
    setup_browser
    setup_node_tools
    # The run starts many Python processes (workers, builds, the benchmark); each would compile the tests
    # and the package again where the shell turns Python's bytecode cache off (git ignores __pycache__).
    unset PYTHONDONTWRITEBYTECODE
    exec "$PY" -m pytest "$@"
    ;;
  check)
    setup_python
    exec "$PY" scripts/build_pages.py check "$@"
    ;;
  build)
    setup_python
    exec "$PY" scripts/build_pages.py build "$@"
    ;;
  review|intake)
    setup_python
    exec "$PY" scripts/build_pages.py "$cmd" "$@"
    ;;
  lint)
    setup_python
    # The workflow's security audit (pinned actions, no persisted credentials, least permissions);
    # offline: it does not look the pinned commits up.
    "$VENV/bin/zizmor" --offline --no-progress .github
    "$VENV/bin/ruff" check "$@"
    "$VENV/bin/mypy"
    # The stages' import rules (pyproject.toml [tool.importlinter]): only site/ imports MkDocs, and so on.
    exec "$VENV/bin/lint-imports" --no-cache
    ;;
  import)
    setup_python
    exec "$PY" scripts/build_pages.py import "$@"
    ;;
  bench)
    setup_python
    setup_browser
    setup_node_tools
    exec "$PY" benchmarks/bench.py "$@"
    ;;
  *)
    sed -n '2,17p' "$0"
    exit 2
    ;;
esac
