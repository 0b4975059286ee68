#!/usr/bin/env bash
# Proves the runtime core is freestanding: its object code references no heap
# allocator, no exception machinery, no RTTI, no iostreams, no thread-safe
# static guards, and has no static constructors.
# Usage: check_freestanding.sh LIB.a...
set -euo pipefail
status=0
forbidden='^(malloc|calloc|realloc|free|aligned_alloc|posix_memalign|_Znwm|_Znam|_ZnwmRKSt9nothrow_t|_ZnamRKSt9nothrow_t|_ZdlPv|_ZdaPv|_ZdlPvm|__cxa_throw|__cxa_allocate_exception|__cxa_begin_catch|__cxa_guard_acquire|__dynamic_cast|_ZSt4cout|_ZSt4cerr|_ZNSt8ios_base4InitC1Ev)$'
for lib in "$@"; do
  if [ ! -f "$lib" ]; then echo "$lib: missing"; status=1; continue; fi
  hits=$(nm -u --format=just-symbols "$lib" 2>/dev/null | grep -E "$forbidden" | sort -u || true)
  if [ -n "$hits" ]; then
    echo "$lib references forbidden symbols:"; echo "$hits" | sed 's/^/  /'; status=1
  fi
  rtti=$(nm --defined-only --format=just-symbols "$lib" 2>/dev/null | grep -E '^_ZTI' | sort -u || true)
  if [ -n "$rtti" ]; then
    echo "$lib defines RTTI (typeinfo) objects:"; echo "$rtti" | sed 's/^/  /'; status=1
  fi
  ctors=$(objdump -h "$lib" 2>/dev/null | grep -E '\.init_array|\.ctors' || true)
  if [ -n "$ctors" ]; then
    echo "$lib has static constructors:"; echo "$ctors" | sed 's/^/  /'; status=1
  fi
  # Message formats such as "op %d: input %d is tensor %d" must be gone.
  # Debug sections are left out: their raw bytes can spell "%s" by chance
  # (they never reach a firmware image).
  nodebug=$(mktemp)
  objcopy --strip-debug "$lib" "$nodebug"
  msgs=$(strings "$nodebug" | grep -cE '%d|%s' || true)
  if [ "$msgs" -gt 0 ]; then
    echo "$lib still holds $msgs printf-style message strings:"; strings "$nodebug" | grep -E '%d|%s' | head -5 | sed 's/^/  /'; status=1
  fi
  rm -f "$nodebug"
done
[ $status -eq 0 ] && echo "freestanding: $# libraries clean"
exit $status
