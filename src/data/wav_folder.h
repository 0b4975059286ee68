// A folder of WAV files per class: <root>/<class>/*.wav, read through
// host/wav.h (libsndfile). Samples are the raw waveform as 1 x length x 1, scaled to
// [-1, 1) (int16 / 32768).
//
// Every file must be mono with the same sample rate (the first file's, or
// `sample_rate` when given): a mismatch is an error naming the file and both
// rates. Clips shorter than `length` are zero-padded at the end, longer ones
// cut; length 0 requires every clip to have the first clip's length.
// Empty, unreadable or truncated files are errors naming the file.
#ifndef MOTE_DATA_WAV_FOLDER_H_
#define MOTE_DATA_WAV_FOLDER_H_

#include <string>

#include "data/dataset.h"

namespace mote::data {

struct WavFolderOptions {
  int sample_rate = 0;  // 0: take the first file's
  int length = 0;       // samples per clip; 0: all clips must be equal
};

Dataset LoadWavFolder(const std::string& root, const WavFolderOptions& options,
                      int* sample_rate_out = nullptr);

}  // namespace mote::data

#endif  // MOTE_DATA_WAV_FOLDER_H_
