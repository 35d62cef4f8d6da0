#!/usr/bin/env bash
# Makes a Pulumi CLI available and prints the folder that holds it.
#
# A user who already has `pulumi` on PATH never needs this: the script finds it and
# prints its folder. Where there is none (machines without access to the CLI's own
# download site), it builds the CLI from Go modules, once, into a cache keyed by
# version, with the two plugins a Node.js project needs beside it: the Node.js language
# host `pulumi-language-nodejs` (which runs `pulumi up` in a folder with a Pulumi.yaml)
# and the `pulumi-resource-pulumi-nodejs` script that the engine runs for dynamic
# providers.
#
# The language host: its own Go module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not
# served by the Go module proxy, so it is built from the last release of the SDK module
# that still held it as a package (LANGHOST_SDK_VERSION). The host only starts
# `node .../@pulumi/pulumi/cmd/run` with the engine's addresses; the program runs with
# the @pulumi/pulumi of the project. That SDK's host cannot run plugins, which is how the engine
# starts a Node.js policy pack (`--policy-pack`): scripts/langhost-run-plugin.go gives it that
# method, and a stamp file beside the host says it has that file's version (a cache without it gets
# only the host rebuilt, in seconds).
#
# Usage: scripts/pulumi-cli.sh            -> prints the bin folder on stdout
# Env:   PULUMI_CLI_VERSION (default: the pinned @pulumi/pulumi of package.json's devDependencies)
#        PULUMI_CLI_CACHE   (default: ${XDG_CACHE_HOME:-$HOME/.cache}/bigcommerce-pulumi)
#        PULUMI_CLI_FORCE_BUILD=1 to ignore a `pulumi` found on PATH
set -euo pipefail

LANGHOST_SDK_VERSION=3.68.0

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "[pulumi-cli] $*" >&2; }

if [ -z "${PULUMI_CLI_FORCE_BUILD:-}" ] && command -v pulumi >/dev/null 2>&1 \
   && command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1 \
   && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  dirname "$(command -v pulumi)"
  exit 0
fi

version="${PULUMI_CLI_VERSION:-}"
if [ -z "$version" ]; then
  version="$(node -e 'const p=require(process.argv[1]);const v=(p.devDependencies||{})["@pulumi/pulumi"];process.stdout.write(String(v).replace(/^[^0-9]*/,""))' "$here/package.json")"
fi
cache="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bigcommerce-pulumi}"
bin="$cache/pulumi-v$version/bin"

langhost_stamp="$bin/pulumi-language-nodejs.run-plugin-$(cksum < "$here/scripts/langhost-run-plugin.go" | cut -d' ' -f1)"
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-resource-pulumi-nodejs" ] && [ -x "$bin/pulumi-language-nodejs" ] \
   && [ -f "$langhost_stamp" ]; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "no pulumi on PATH and no Go toolchain to build one"; exit 1; }
start=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$bin"
# The module proxy serves these modules, but the checksum database is not reachable from
# every machine; module checksums are still recorded in the throwaway go.sum.
export GOFLAGS="-mod=mod" GONOSUMDB="github.com/pulumi/*" GOSUMDB="${GOSUMDB:-off}"

# build_main NAME MODULE@VERSION PACKAGE "GO.MOD LINES" [go build flags]: builds the main package
# PACKAGE of MODULE into $bin/NAME, in a throwaway module of its own (the CLI needs the SDK of
# its own version, the language host the older SDK module that contains it).
build_main() {
  local name="$1" modver="$2" pkg="$3" extra="$4"
  shift 4
  mkdir -p "$work/$name" && cd "$work/$name"
  printf 'module throwaway\n\ngo 1.25\n\nrequire %s %s\n\n%s\n' "${modver%@*}" "${modver#*@}" "$extra" > go.mod
  printf '//go:build tools\n\npackage throwaway\n\nimport _ "%s"\n' "$pkg" > tools.go
  go mod tidy -e >&2 2>&1 || true
  go get "$modver" >&2
  go build -trimpath "$@" -o "$bin/$name.partial" "$pkg" >&2
  mv "$bin/$name.partial" "$bin/$name"
}

# build_langhost: the language host's main package, copied out of the SDK module with its
# RunPlugin stub replaced by scripts/langhost-run-plugin.go, built in a throwaway module.
build_langhost() {
  local sdk="github.com/pulumi/pulumi/sdk/v3" dir="$work/pulumi-language-nodejs"
  mkdir -p "$dir" && cd "$dir"
  printf 'module throwaway\n\ngo 1.25\n\nrequire %s v%s\n' "$sdk" "$LANGHOST_SDK_VERSION" > go.mod
  go mod download "$sdk@v$LANGHOST_SDK_VERSION" >&2
  local src
  src="$(go list -m -f '{{.Dir}}' "$sdk")/nodejs/cmd/pulumi-language-nodejs"
  for f in "$src"/*.go; do
    case "$f" in *_test.go) continue ;; esac
    cp "$f" . && chmod u+w "$(basename "$f")"
  done
  # drop the stub (its signature line through the closing brace)
  awk '/^func \(host \*nodeLanguageHost\) RunPlugin\(/ {skip=1} !skip {print} skip && /^}/ {skip=0}' main.go > main.go.new
  mv main.go.new main.go
  grep -q 'RunPlugin(' main.go && { log "the language host's RunPlugin stub was not found where expected"; exit 1; }
  cp "$here/scripts/langhost-run-plugin.go" .
  go mod tidy -e >&2 2>&1 || true
  go build -trimpath -ldflags "-s -w" -o "$bin/pulumi-language-nodejs.partial" . >&2
  mv "$bin/pulumi-language-nodejs.partial" "$bin/pulumi-language-nodejs"
}

if [ ! -x "$bin/pulumi" ]; then
  log "building the Pulumi CLI v$version from Go modules into $bin (first time only; this takes a while)"
  build_main pulumi "github.com/pulumi/pulumi/pkg/v3@v$version" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    "replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e" \
    -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
fi
if [ ! -x "$bin/pulumi-language-nodejs" ] || [ ! -f "$langhost_stamp" ]; then
  log "building the Node.js language host (SDK module v$LANGHOST_SDK_VERSION) into $bin"
  build_langhost
  rm -f "$bin"/pulumi-language-nodejs.run-plugin-*
  touch "$langhost_stamp"
fi

# The engine runs this for dynamic providers, in the program's folder: resolve @pulumi/pulumi
# from there and run its dynamic-provider entry point (as the script in @pulumi/pulumi does).
cat > "$bin/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
script=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ -n "$script" ]; then
  exec node "$script" "$@"
fi
echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi is not installed in $(pwd)" >&2
exit 1
SH
chmod +x "$bin/pulumi-resource-pulumi-nodejs"
log "built in $(( $(date +%s) - start ))s"
echo "$bin"
