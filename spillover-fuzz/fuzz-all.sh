#!/usr/bin/env bash
# The long mode: fuzzes every target of this module in turn, each for its maxDuration (Fuzz.java),
# and stops at the first finding. Jazzer writes a finding as crash-<hash> under the target's
# *Inputs directory in src/test/resources: commit it with the fix, and verify replays it.
# Usage (from the repository root): spillover-fuzz/fuzz-all.sh [ClassName#method ...]
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in spillover-fuzz/src/test/java/io/spillover/fuzz/*FuzzTest.java; do
    cls=$(basename "$f" .java)
    for m in $(grep -A1 '^  @Fuzz$' "$f" | grep -o 'void [A-Za-z0-9_]*' | cut -d' ' -f2); do
      targets+=("$cls#$m")
    done
  done
fi
mvn -B -q -pl spillover-fuzz -am test-compile
log=spillover-fuzz/target/fuzz-all.log
for t in "${targets[@]}"; do
  echo "fuzz: $t"
  status=0
  JAZZER_FUZZ=1 mvn -B -o -pl spillover-fuzz -am test -Dtest="$t" \
      -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1 || status=$?
  grep -E '^#[0-9]+' "$log" | tail -1 || true
  grep -E 'Done [0-9]+ runs' "$log" || true
  if [ "$status" -ne 0 ]; then
    grep -E -A20 '== Java Exception|FuzzerSecurityIssue' "$log" | head -40 || true
    echo "fuzz: $t FAILED (full output: $log)"
    exit 1
  fi
done
echo "fuzz: every target ran without a finding"
