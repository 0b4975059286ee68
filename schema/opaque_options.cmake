# Writes the schema Model::Load verifies with (tflite::opaque): tflite.fbs
# with two changes that keep verifier code the runtime does not need out of
# a firmware, without reading anything unverified:
# - Operator.builtin_options is an empty table instead of the BuiltinOptions
#   union. Load checks that each options table is a well-formed table inside
#   the buffer but links none of the 126 per-options verifiers; each op
#   verifies its own table's fields when it reads them
#   (PrepareContext::options<T>(), Model::options<T>()), so a firmware
#   carries only the verifiers of the ops it registers.
# - Fields the runtime never reads (below) are deprecated, so not verified.
#   tests/freestanding/check_verified_reads.sh fails if runtime or host code
#   reads one of them (or builtin options) without its own verification.
# Usage: cmake -DIN=schema/tflite.fbs -DOUT=.../tflite_opaque.fbs -P opaque_options.cmake
set(unread_fields
  Model.description Model.metadata_buffer Model.metadata
  Tensor.shape_signature Tensor.has_rank
  QuantizationParameters.min QuantizationParameters.max
  Operator.custom_options Operator.custom_options_format Operator.mutating_variable_inputs)

file(READ ${IN} text)
function(must_replace old new)
  string(FIND "${text}" "${old}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "opaque_options.cmake: '${old}' not found in ${IN}; "
                        "update the script together with the schema")
  endif()
  string(REPLACE "${old}" "${new}" text "${text}")
  set(text "${text}" PARENT_SCOPE)
endfunction()

must_replace("namespace tflite;" "namespace tflite.opaque;")
must_replace("builtin_options:BuiltinOptions (id: 4);"
             "builtin_options_type:ubyte (id: 3);\n  builtin_options:OpaqueOptions (id: 4);")
must_replace("root_type Model;" "table OpaqueOptions {}\n\nroot_type Model;")
foreach(table_field IN LISTS unread_fields)
  string(REPLACE "." ";" parts ${table_field})
  list(GET parts 0 table)
  list(GET parts 1 field)
  string(FIND "${text}" "\ntable ${table} {" start)
  if(start EQUAL -1)
    message(FATAL_ERROR "opaque_options.cmake: no table ${table} in ${IN}")
  endif()
  string(SUBSTRING "${text}" ${start} -1 tail)
  string(FIND "${tail}" "}" end)
  string(SUBSTRING "${tail}" 0 ${end} body)
  string(REGEX MATCH "\n  ${field}:[^;\n]*\\(id: [0-9]+\\)" decl "${body}")
  if(NOT decl)
    message(FATAL_ERROR "opaque_options.cmake: no field ${table_field} in ${IN}")
  endif()
  string(REGEX REPLACE "\\)$" ", deprecated)" deprecated "${decl}")
  string(REPLACE "${decl}" "${deprecated}" new_body "${body}")
  must_replace("${body}" "${new_body}")
endforeach()
file(WRITE ${OUT} "${text}")
