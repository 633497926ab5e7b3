#!/bin/sh
# Regenerate tests/fixtures/expected/ from the data samples with the reference calculator.
#   sh tests/reference/regen_expected.sh        (from the repository root)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
ref="$root/tests/reference/eduqb_ref.py"
out="$root/tests/fixtures/expected"
mkdir -p "$out"
python3 "$ref" --selftest >/dev/null
for sample in district district-2023 city; do
  for profile in national-2017 national-2012 beijing; do
    python3 "$ref" --profile "$profile" "$root/data-samples/$sample.csv" \
      > "$out/$sample.$profile.csv"
    python3 "$ref" --profile "$profile" --schools "$root/data-samples/$sample.csv" \
      > "$out/$sample.$profile.schools.csv"
  done
done
for fixture in cv_boundary worked_example split_example; do
  for profile in national-2017 national-2012 beijing; do
    python3 "$ref" --profile "$profile" "$root/tests/fixtures/$fixture.csv" \
      > "$out/$fixture.$profile.csv"
  done
done
