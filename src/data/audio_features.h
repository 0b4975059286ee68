// Audio features for training: a WAV data set turned into MFCC / log-mel
// frames by mote's own front end (src/dsp: the code and bits `mote features
// audio` and the device compute), so a keyword model trains on exactly the
// features it will see at inference.
//
// The "features" object of a data config (and of the exported model's
// metadata, for `mote eval`): {"preset": "mlperf-kws"}, or the keys of a
// `mote features audio` config ({"type": "audio", "num_mfcc": 13, ...}).
#ifndef MOTE_DATA_AUDIO_FEATURES_H_
#define MOTE_DATA_AUDIO_FEATURES_H_

#include <string>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "host/feature_config.h"

namespace mote::data {

// Throws DataError naming the key on a bad object.
host::AudioJob ParseAudioFeatures(const nlohmann::json& features);

// Clips (1 x length x 1, int16 / 32768 as LoadWavFolder gives them) at
// `sample_rate` -> frames x features x 1 each (fixed-size clips: the job's
// clip_samples, zero-padded or cut, else the clips' own length). Throws
// DataError naming `where` when the rate differs from the job's or a clip is
// shorter than one frame.
Dataset ComputeAudioFeatures(const Dataset& clips, int sample_rate, const host::AudioJob& job,
                             const std::string& where);

}  // namespace mote::data

#endif  // MOTE_DATA_AUDIO_FEATURES_H_
