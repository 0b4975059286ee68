# cmake -DIN=file.npy -DOUT=signal_data.cc -P embed.cmake: the file as a C++
# byte array (the firmware has no file system).
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
file(WRITE ${OUT} "// Generated from ${IN}\n#include <cstddef>\n#include <cstdint>\n"
     "alignas(16) extern const uint8_t mote_dsp_signal_npy[] = {${body}};\n"
     "extern const size_t mote_dsp_signal_npy_size = ${bytes};\n")
