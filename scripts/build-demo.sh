#!/usr/bin/env bash
# Rebuilds the demo corpus in assets/demo/{lid,asr,wavenet} with espeak-ng and sox (see assets/demo/README.md).
# Usage: scripts/build-demo.sh [--out DIR] [--only lid,asr,wavenet] [--jobs N]
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "build-demo: $tool is not installed (apt-get install espeak-ng sox libsox-fmt-all)" >&2; exit 1; }
done
exec nice -n 10 node_modules/.bin/tsx scripts/demo/build.ts "$@"
