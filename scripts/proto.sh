#!/usr/bin/env bash
# Generates the Swift code of the protobuf contracts, or checks that the committed code is current.
#
#   scripts/proto.sh generate   regenerate Shared/Contracts/Generated/ from proto/
#   scripts/proto.sh check      fail if Shared/Contracts/Generated/ differs from what generate makes
#
# protoc-gen-swift is built once from swift-protobuf $SWIFT_PROTOBUF_VERSION into .build-protoc/
# (git-ignored); later runs reuse it. protoc is the system one (Debian: apt-get install protobuf-compiler).
set -euo pipefail

SWIFT_PROTOBUF_VERSION="1.39.0"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROTO_DIR="$ROOT/proto"
OUT_DIR="$ROOT/Shared/Contracts/Generated"
TOOLS_DIR="$ROOT/.build-protoc"
PLUGIN_SRC="$TOOLS_DIR/swift-protobuf"
PLUGIN="$TOOLS_DIR/build/release/protoc-gen-swift"

die() {
    echo "proto.sh: $*" >&2
    exit 1
}

usage() {
    echo "usage: scripts/proto.sh generate|check" >&2
    exit 2
}

# Builds protoc-gen-swift unless it is already there.
ensure_plugin() {
    if [[ -x "$PLUGIN" ]]; then
        return
    fi
    command -v swift >/dev/null || die "swift is not on PATH"
    mkdir -p "$TOOLS_DIR"
    if [[ ! -d "$PLUGIN_SRC" ]]; then
        git clone --quiet --depth 1 --branch "$SWIFT_PROTOBUF_VERSION" \
            https://github.com/apple/swift-protobuf "$PLUGIN_SRC"
    fi
    echo "proto.sh: building protoc-gen-swift $SWIFT_PROTOBUF_VERSION (takes a few minutes, once)" >&2
    swift build -c release \
        --package-path "$PLUGIN_SRC" \
        --scratch-path "$TOOLS_DIR/build" \
        --product protoc-gen-swift >&2
    [[ -x "$PLUGIN" ]] || die "protoc-gen-swift was not built at $PLUGIN"
}

# Writes the generated Swift for every .proto under proto/ into the directory $1 (emptied first,
# so the code of deleted protos disappears).
generate_into() {
    local out="$1"
    command -v protoc >/dev/null || die "protoc is not on PATH (apt-get install protobuf-compiler)"
    ensure_plugin

    local protos=()
    while IFS= read -r -d '' file; do
        protos+=("${file#"$PROTO_DIR"/}")
    done < <(find "$PROTO_DIR" -name '*.proto' -print0 | LC_ALL=C sort -z)
    [[ ${#protos[@]} -gt 0 ]] || die "no .proto files under $PROTO_DIR"

    mkdir -p "$out"
    find "$out" -name '*.pb.swift' -delete
    (
        cd "$PROTO_DIR"
        protoc \
            --plugin=protoc-gen-swift="$PLUGIN" \
            --swift_opt=Visibility=Public \
            --swift_opt=FileNaming=PathToUnderscores \
            --swift_out="$out" \
            -I . \
            "${protos[@]}"
    )
}

cmd="${1:-}"
case "$cmd" in
generate)
    generate_into "$OUT_DIR"
    count="$(find "$OUT_DIR" -name '*.pb.swift' | wc -l | tr -d ' ')"
    echo "proto.sh: generated $count files into ${OUT_DIR#"$ROOT"/}"
    python3 "$ROOT/scripts/gen-kl-methods.py"
    echo "proto.sh: wrote Tools/kl/MethodRegistry+All.swift"
    ;;
check)
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    generate_into "$tmp"
    if ! diff -r "$tmp" "$OUT_DIR" >"$tmp.diff" 2>&1; then
        cat "$tmp.diff" >&2
        rm -f "$tmp.diff"
        die "Shared/Contracts/Generated is stale: run 'scripts/proto.sh generate' and commit the result"
    fi
    rm -f "$tmp.diff"
    echo "proto.sh: Shared/Contracts/Generated is up to date"
    ;;
*)
    usage
    ;;
esac
