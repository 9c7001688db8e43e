#!/usr/bin/env bash
# Checks that deploy/docker/Dockerfile installs what Lightshow really needs:
#  1. the build stage installs its packages with scripts/deps (and nothing else),
#     so it gets exactly what scripts/deps installs for building;
#  2. each runtime stage installs exactly the Debian packages that own the
#     directly linked shared libraries of the binaries it ships (libc6 and
#     libgcc-s1 are in every base image), found with readelf + dpkg on the
#     binaries built here;
#  3. each of those runtime packages is a dependency of the packages
#     scripts/deps installs (the -dev packages bring them in), so the two lists
#     cannot drift apart.
# Usage: check-packages.sh REPO_DIR BIN_DIR
set -euo pipefail
repo=$1
bin=$2
dockerfile=$repo/deploy/docker/Dockerfile
fail=0
err() { echo "check-packages: $*" >&2; fail=1; }

# The lines of one stage (FROM … AS NAME up to the next FROM), continuations joined.
stage() {
  awk -v s="$1" '
    /^FROM / { on = (tolower($NF) == s) ; next }
    on { line = line $0; if ($0 ~ /\\$/) { sub(/\\$/, "", line); next } print line; line = "" }
  ' "$dockerfile"
}

# Packages named by `apt-get install` in a stage.
stage_packages() {
  stage "$1" | grep -o 'apt-get install[^&]*' | sed 's/apt-get install//' | tr ' ' '\n' |
    grep -v '^-' | grep -v '^$' | sort -u || true
}

# Debian packages owning the NEEDED libraries of the given binaries.
needed_packages() {
  local paths=() b lib path owners
  for b in "$@"; do
    [[ -x "$bin/$b" ]] || { err "$bin/$b is not built"; continue; }
    local resolved
    resolved=$(ldd "$bin/$b")
    while read -r lib; do
      path=$(awk -v l="$lib" '$1 == l { print $3 }' <<<"$resolved")
      [[ -n "$path" ]] || { err "$b: $lib not found by the loader"; continue; }
      # dpkg may record the path with or without /usr (usrmerge): ask for both.
      paths+=("$path" "/usr${path#/usr}" "${path#/usr}")
    done < <(readelf -d "$bin/$b" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  done
  # One dpkg -S for all paths (each call scans the whole database).
  owners=$(dpkg -S "${paths[@]}" 2>/dev/null || true)
  local p
  for ((i = 0; i < ${#paths[@]}; i += 3)); do
    p=$(grep -F -e ": ${paths[i]}" -e ": ${paths[i+1]}" -e ": ${paths[i+2]}" <<<"$owners" | head -1 | cut -d: -f1)
    if [[ -z "$p" ]]; then echo "UNKNOWN:${paths[i]}"; else echo "$p"; fi
  done | grep -v -x -e libc6 -e libgcc-s1 | sort -u
}

# 1. Build stage.
build=$(stage build)
grep -q 'RUN scripts/deps' <<<"$build" || err "build stage does not run scripts/deps"
grep -q 'scripts/deps --test' <<<"$build" && err "build stage installs the test packages (scripts/deps --test)"
grep -q 'apt-get install' <<<"$build" && err "build stage installs packages besides scripts/deps"
grep -q 'scripts/build' <<<"$build" || err "build stage does not run scripts/build"

# The packages scripts/deps installs (its PACKAGES array), and everything they depend on.
deps_list=$(sed -n '/^PACKAGES=(/,/^)/p' "$repo/scripts/deps" | sed '1s/^PACKAGES=(//; $s/)$//' | tr ' ' '\n' | grep -v '^$')
# Walks Depends/Pre-Depends of the installed packages (dpkg's database: fast, offline).
closure=$(dpkg-query -W -f='${Package} ${Pre-Depends}, ${Depends}\n' |
          awk -v roots="$(echo $deps_list)" '
            { pkg = $1; $1 = ""; n = split($0, alts, /[,|]/)
              for (i = 1; i <= n; i++) { d = alts[i]; sub(/\(.*/, "", d); gsub(/[ \t]/, "", d); sub(/:.*/, "", d)
                                         if (d != "") edges[pkg] = edges[pkg] " " d } }
            END { m = split(roots, q, " "); for (i = 1; i <= m; i++) seen[q[i]] = 1
                  for (h = 1; h <= m; h++) { k = split(edges[q[h]], e, " ")
                    for (j = 1; j <= k; j++) if (!(e[j] in seen)) { seen[e[j]] = 1; q[++m] = e[j] } }
                  for (p in seen) print p }' | sort -u)

# 2 + 3. Runtime stages.
check_stage() {
  local name=$1; shift
  local want have
  want=$(needed_packages "$@")
  have=$(stage_packages "$name")
  if [[ "$want" != "$have" ]]; then
    err "stage '$name' installs [$(echo $have)] but $* need [$(echo $want)]"
    diff <(echo "$want") <(echo "$have") | sed 's/^/    /' >&2 || true
  fi
  for p in $have; do
    grep -q -x -- "$p" <<<"$closure" || err "stage '$name': $p is not brought in by scripts/deps"
  done
}
check_stage server lightshow-server lsctl
check_stage agent lightshow-agent lsctl

if [[ $fail -ne 0 ]]; then exit 1; fi
echo "check-packages: build stage uses scripts/deps; runtime stages match the binaries' libraries"
