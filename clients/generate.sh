#!/usr/bin/env bash
# Regenerates the committed protobuf code of the example publishers from proto/:
#   clients/python/gen/   protoc --python_out   (Debian: protobuf-compiler, python3-protobuf 3.21)
#   clients/c/gen/        protoc-c --c_out      (Debian: protobuf-c-compiler, libprotobuf-c-dev 1.4)
# Only the file sets foreign publishers need are generated: FeedbackSubmitted (and, for Python,
# the feedback events a sender may watch) and MeasurementsReported (its file also holds
# MeasurementsRejected, the event a sender watches); google/protobuf/timestamp.proto comes from
# /usr/include (libprotobuf-dev).
#
#   clients/generate.sh          regenerate
#   clients/generate.sh --check  fail when the committed code differs from what would be generated
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
proto="$root/proto"
clients="$root/clients"
wkt=/usr/include   # google/protobuf/*.proto

die() { echo "generate.sh: $*" >&2; exit 1; }
command -v protoc >/dev/null || die "protoc is not on PATH (apt-get install protobuf-compiler)"
command -v protoc-c >/dev/null || die "protoc-c is not on PATH (apt-get install protobuf-c-compiler)"
[ -f "$wkt/google/protobuf/timestamp.proto" ] || die "$wkt/google/protobuf/timestamp.proto missing (apt-get install libprotobuf-dev)"

# The file sets FeedbackSubmitted and MeasurementsReported need (they must stay free of proto3
# `optional` for protoc-c 1.4).
c_protos=(
    kunskapsloop/feedback/v1/feedback_submitted.proto
    kunskapsloop/feedback/v1/feedback.proto
    kunskapsloop/followup/v1/measurement.proto
    kunskapsloop/followup/v1/stratum.proto
    kunskapsloop/common/v1/organisation.proto
    kunskapsloop/common/v1/period.proto
)
py_protos=("${c_protos[@]}" kunskapsloop/feedback/v1/events.proto)

generate_into() {   # $1: python out dir, $2: C out dir (both emptied first)
    rm -rf "$1" "$2"
    mkdir -p "$1" "$2"
    (cd "$proto" && protoc -I . -I "$wkt" --python_out="$1" "${py_protos[@]}")
    # protobuf-c ships no code for the well-known types, so timestamp.proto is generated too.
    (cd "$proto" && protoc-c -I . -I "$wkt" --c_out="$2" "${c_protos[@]}" google/protobuf/timestamp.proto)
}

if [ "${1:-}" = "--check" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    generate_into "$tmp/python" "$tmp/c"
    diff -r "$tmp/python" "$clients/python/gen" >/dev/null && diff -r "$tmp/c" "$clients/c/gen" >/dev/null \
        || die "clients/*/gen is stale; run clients/generate.sh"
    echo "generate.sh: clients/python/gen and clients/c/gen are current"
elif [ $# -eq 0 ]; then
    generate_into "$clients/python/gen" "$clients/c/gen"
    echo "generate.sh: wrote clients/python/gen and clients/c/gen"
else
    echo "usage: clients/generate.sh [--check]" >&2
    exit 2
fi
