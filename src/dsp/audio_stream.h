// Streaming audio features: push samples in chunks of any size, get feature
// frames as they complete, and keep the last N frames in a ring buffer ready
// to feed a model (keyword spotting runs continuously).
//
// The output equals ComputeAudioFeatures on the concatenated samples for any
// chunking (each frame sees the same samples and the same preceding sample,
// and the frontend's state advances frame by frame in both).
//
//   AudioStream<AudioFrontendQ> stream;
//   stream.Init(&frontend, 49, memory, AudioStream<...>::ScratchBytes(config, 49));
//   while (...) { if (stream.Push(chunk, n) > 0 && stream.full()) {
//       stream.CopyWindow(model_input); ... } }
#ifndef MOTE_DSP_AUDIO_STREAM_H_
#define MOTE_DSP_AUDIO_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "dsp/audio_frontend.h"
#include "dsp/scratch.h"

namespace mote::dsp {

template <typename Frontend>
class AudioStream {
 public:
  using Feature = typename Frontend::Feature;

  static size_t ScratchBytes(const AudioConfig& config, int32_t ring_frames) {
    if (ring_frames <= 0 || config.frame_length <= 0) return 0;
    Scratch counter;
    AudioStream probe;
    probe.Layout(config.frame_length, AudioFeatureSize(config), ring_frames, &counter);
    return counter.used();
  }

  // `frontend` must be initialised and outlive the stream.
  Status Init(Frontend* frontend, int32_t ring_frames, void* scratch, size_t bytes,
              ErrorReporter* errors) {
    if (frontend == nullptr || ring_frames <= 0) {
      MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                    "audio stream: needs a frontend and ring_frames > 0");
    }
    const size_t need = ScratchBytes(frontend->config(), ring_frames);
    if (scratch == nullptr || bytes < need) {
      MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                    "audio stream: scratch of %lu bytes is too small, needs %lu",
                    static_cast<unsigned long>(bytes), static_cast<unsigned long>(need));
    }
    frontend_ = frontend;
    Scratch s(scratch, bytes);
    Layout(frontend->config().frame_length, frontend->feature_size(), ring_frames, &s);
    Reset();
    return Status::kOk;
  }

  // Forgets buffered samples and frames; resets the frontend's state.
  void Reset() {
    fill_ = 0;
    skip_ = 0;
    previous_ = 0;
    head_ = 0;
    total_ = 0;
    frontend_->Reset();
  }

  // Consumes `count` samples; returns how many frames they completed.
  int32_t Push(const int16_t* samples, size_t count) {
    const AudioConfig& c = frontend_->config();
    const size_t length = static_cast<size_t>(c.frame_length);
    const size_t step = static_cast<size_t>(c.frame_step);
    int32_t produced = 0;
    while (count > 0) {
      if (skip_ > 0) {  // frame_step > frame_length: samples between frames
        const size_t n = skip_ < count ? skip_ : count;
        previous_ = samples[n - 1];
        skip_ -= n;
        samples += n;
        count -= n;
        continue;
      }
      const size_t n = length - fill_ < count ? length - fill_ : count;
      std::memcpy(buffer_ + fill_, samples, n * sizeof(int16_t));
      fill_ += n;
      samples += n;
      count -= n;
      if (fill_ < length) break;
      frontend_->ProcessFrame(buffer_, previous_, ring_ + static_cast<size_t>(head_) * feature_size_);
      head_ = head_ + 1 == ring_frames_ ? 0 : head_ + 1;
      ++total_;
      ++produced;
      if (step < length) {
        previous_ = buffer_[step - 1];
        std::memmove(buffer_, buffer_ + step, (length - step) * sizeof(int16_t));
        fill_ = length - step;
      } else {
        previous_ = buffer_[length - 1];
        fill_ = 0;
        skip_ = step - length;
      }
    }
    return produced;
  }

  int64_t frames_total() const { return total_; }
  int32_t ring_frames() const { return ring_frames_; }
  int32_t frames_ready() const {
    return total_ < ring_frames_ ? static_cast<int32_t>(total_) : ring_frames_;
  }
  bool full() const { return total_ >= ring_frames_; }

  // Frame i of the ready frames, 0 = oldest.
  const Feature* frame(int32_t i) const {
    const int32_t ready = frames_ready();
    int32_t slot = head_ - ready + i;
    if (slot < 0) slot += ring_frames_;
    return ring_ + static_cast<size_t>(slot) * feature_size_;
  }

  // The last ring_frames frames, oldest first, as one contiguous
  // ring_frames x feature_size block; false (nothing written) until full.
  bool CopyWindow(Feature* out) const {
    if (!full()) return false;
    for (int32_t i = 0; i < ring_frames_; ++i) {
      std::memcpy(out + static_cast<size_t>(i) * feature_size_, frame(i),
                  feature_size_ * sizeof(Feature));
    }
    return true;
  }

 private:
  void Layout(int32_t frame_length, int32_t feature_size, int32_t ring_frames, Scratch* s) {
    feature_size_ = static_cast<size_t>(feature_size);
    ring_frames_ = ring_frames;
    buffer_ = s->template Take<int16_t>(static_cast<size_t>(frame_length));
    ring_ = s->template Take<Feature>(static_cast<size_t>(ring_frames) * feature_size_);
  }

  Frontend* frontend_ = nullptr;
  int16_t* buffer_ = nullptr;
  Feature* ring_ = nullptr;
  size_t feature_size_ = 0;
  int32_t ring_frames_ = 0;
  size_t fill_ = 0;
  size_t skip_ = 0;
  int16_t previous_ = 0;
  int32_t head_ = 0;  // next slot to write
  int64_t total_ = 0;
};

}  // namespace mote::dsp

#endif  // MOTE_DSP_AUDIO_STREAM_H_
