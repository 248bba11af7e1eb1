#!/usr/bin/env bash
# Formats the Swift sources in place with the toolchain's swift-format and the repository's
# .swift-format (generated protobuf code aside); what it cannot fix, `swift format lint` names.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files '*.swift' | grep -v '^Shared/Contracts/Generated/' | xargs swift format format -i --parallel
git ls-files '*.swift' | grep -v '^Shared/Contracts/Generated/' | xargs swift format lint --strict --parallel
