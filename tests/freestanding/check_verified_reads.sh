#!/usr/bin/env bash
# Model::Load verifies with schema/opaque_options.cmake's variant: builtin
# options tables only as tables (each op verifies its own through
# options<T>()), and the fields the runtime never reads not at all. This
# fails when code reads either without verifying it: builtin options other
# than through PrepareContext::options<T>() / Model::options<T>(), or an
# unverified field, in any source that does not verify the whole model
# itself with tflite::VerifyModelBuffer.
# Usage: check_verified_reads.sh SOURCE_DIR
set -euo pipefail
root=$1
pattern='builtin_options_as|builtin_options\(\)|\b(description|metadata_buffer|metadata|shape_signature|has_rank|custom_options|custom_options_format|mutating_variable_inputs)\(\)|->(min|max)\(\)'
status=0
while IFS= read -r file; do
  case "$file" in "$root/src/format/model.cc") continue ;; esac
  grep -q 'tflite::VerifyModelBuffer' "$file" && continue
  if hits=$(grep -nE "$pattern" "$file"); then
    echo "$file reads model fields Model::Load does not verify:"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi
done < <(find "$root/src" "$root/tools" "$root/targets" -name '*.cc' -o -name '*.h' | sort)
if [ $status -ne 0 ]; then
  echo "read builtin options with ctx.options<tflite::...Options>(); to read another field,"
  echo "remove it from unread_fields in schema/opaque_options.cmake"
else
  echo "verified reads: no unverified model field is read"
fi
exit $status
