#include "kernels/ref/strided_slice.h"

#include <cstring>

namespace mote {
namespace ref {
namespace {

int32_t Clamp(int64_t v, int32_t lo, int32_t hi) {
  if (v < lo) return lo;
  if (v > hi) return hi;
  return static_cast<int32_t>(v);
}

// ceil(a / b) for b != 0, in int64 so no intermediate overflows.
int64_t CeilDiv(int64_t a, int64_t b) {
  if (b < 0) {
    a = -a;
    b = -b;
  }
  return a > 0 ? (a + b - 1) / b : a / b;
}

// TFLite's StridedSliceStartForAxis: the first index visited.
int32_t StartForAxis(int32_t begin, bool begin_masked, int32_t stride,
                     int32_t n) {
  if (begin_masked) return stride > 0 ? 0 : n - 1;
  int64_t start = begin;
  if (start < 0) start += n;
  return stride > 0 ? Clamp(start, 0, n) : Clamp(start, -1, n - 1);
}

// TFLite's StridedSliceEndForAxis for a non-shrunk axis: one past the last
// index visited, in the direction of the stride.
int32_t StopForAxis(int32_t end, bool end_masked, bool offset, int32_t start,
                    int32_t stride, int32_t n) {
  if (end_masked) return stride > 0 ? n : -1;
  int64_t stop = end;
  if (offset) stop += start;
  if (stop < 0) stop += n;
  return stride > 0 ? Clamp(stop, 0, n) : Clamp(stop, -1, n - 1);
}

template <typename T>
void CopyElement(const unsigned char* in, unsigned char* out) {
  T value;
  std::memcpy(&value, in, sizeof(T));
  std::memcpy(out, &value, sizeof(T));
}

}  // namespace

const char* StridedSliceErrorName(StridedSliceError error) {
  switch (error) {
    case StridedSliceError::kOk:
      return "ok";
    case StridedSliceError::kBadCount:
      return "more than 32 index entries";
    case StridedSliceError::kZeroStride:
      return "stride is 0";
    case StridedSliceError::kMultipleEllipsis:
      return "more than one ellipsis";
    case StridedSliceError::kTooManyIndices:
      return "more indices than input dimensions";
    case StridedSliceError::kRankTooLarge:
      return "too many dimensions after adding new axes";
    case StridedSliceError::kShrinkOutOfRange:
      return "shrunk index out of range";
    case StridedSliceError::kShrinkNotForward:
      return "shrunk axis needs a positive stride";
  }
  return "unknown";
}

StridedSliceError PlanStridedSlice(const Shape& input_shape,
                                   const StridedSliceSpec& spec,
                                   StridedSlicePlan* plan, int* bad_entry) {
  int unused;
  int& bad = bad_entry != nullptr ? *bad_entry : unused;
  bad = -1;
  if (spec.count < 0 || spec.count > 32) return StridedSliceError::kBadCount;
  const auto bit = [](int32_t mask, int i) {
    return (static_cast<uint32_t>(mask) >> i) & 1u;
  };

  // An ellipsis bit wins over a new-axis bit on the same entry (TensorFlow).
  int ellipsis_at = -1;
  int num_new_axes = 0;
  for (int i = 0; i < spec.count; ++i) {
    if (bit(spec.ellipsis_mask, i)) {
      if (ellipsis_at >= 0) {
        bad = i;
        return StridedSliceError::kMultipleEllipsis;
      }
      ellipsis_at = i;
    } else if (bit(spec.new_axis_mask, i)) {
      ++num_new_axes;
    }
  }
  const int in_rank = input_shape.rank;
  const int indexed = spec.count - num_new_axes - (ellipsis_at >= 0 ? 1 : 0);
  if (indexed > in_rank) return StridedSliceError::kTooManyIndices;
  if (in_rank + num_new_axes > Shape::kMaxRank) {
    return StridedSliceError::kRankTooLarge;
  }

  int64_t in_stride[Shape::kMaxRank] = {};
  if (in_rank > 0) in_stride[in_rank - 1] = 1;
  for (int k = in_rank - 2; k >= 0; --k) {
    in_stride[k] = in_stride[k + 1] * input_shape.dims[k + 1];
  }

  StridedSlicePlan p;
  bool shrunk[Shape::kMaxRank] = {};
  int k = 0;  // next input dimension
  const auto add_dim = [&](int32_t n, int64_t stride_elems, int32_t start,
                           int32_t step, int32_t count, bool shrink) {
    const int d = p.rank++;
    p.in_dims[d] = n;
    p.in_stride[d] = stride_elems;
    p.start[d] = start;
    p.stride[d] = step;
    p.count[d] = count;
    shrunk[d] = shrink;
  };
  const auto add_full_input_dim = [&]() {
    add_dim(input_shape.dims[k], in_stride[k], 0, 1, input_shape.dims[k],
            false);
    ++k;
  };

  for (int i = 0; i < spec.count; ++i) {
    if (i == ellipsis_at) {
      // The ellipsis stands for every input dim the other entries leave.
      for (int j = 0; j < in_rank - indexed; ++j) add_full_input_dim();
      continue;
    }
    if (bit(spec.new_axis_mask, i)) {
      add_dim(1, 0, 0, 1, 1, false);
      continue;
    }
    const int32_t n = input_shape.dims[k];
    const int32_t stride = spec.strides[i];
    if (stride == 0) {
      bad = i;
      return StridedSliceError::kZeroStride;
    }
    const bool begin_masked = bit(spec.begin_mask, i);
    const int32_t start = StartForAxis(spec.begin[i], begin_masked, stride, n);
    if (bit(spec.shrink_axis_mask, i)) {
      // TensorFlow rejects these; TFLite would silently read a clamped or
      // empty range, leaving part of the output unwritten.
      if (stride < 0) {
        bad = i;
        return StridedSliceError::kShrinkNotForward;
      }
      const int32_t raw = spec.begin[i];
      if ((!begin_masked && (raw < -n || raw >= n)) || start >= n) {
        bad = i;
        return StridedSliceError::kShrinkOutOfRange;
      }
      add_dim(n, in_stride[k], start, 1, 1, true);
      ++k;
      continue;
    }
    const int32_t stop = StopForAxis(spec.end[i], bit(spec.end_mask, i),
                                     spec.offset, start, stride, n);
    int64_t count = CeilDiv(static_cast<int64_t>(stop) - start, stride);
    if (count < 0) count = 0;
    add_dim(n, in_stride[k], start, stride, static_cast<int32_t>(count), false);
    ++k;
  }
  // Without an ellipsis, the dims after the last entry are taken whole.
  while (ellipsis_at < 0 && k < in_rank) add_full_input_dim();

  p.output_shape.rank = 0;
  for (int d = 0; d < p.rank; ++d) {
    if (!shrunk[d]) p.output_shape.dims[p.output_shape.rank++] = p.count[d];
  }
  *plan = p;
  return StridedSliceError::kOk;
}

void StridedSlice(const StridedSlicePlan& plan, const void* input,
                  size_t element_size, void* output) {
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  const int rank = plan.rank;
  if (rank == 0) {  // a scalar sliced by an empty spec is itself
    std::memcpy(out, in, element_size);
    return;
  }
  int64_t base = 0;  // input element offset of the current row start
  int64_t step[Shape::kMaxRank];
  for (int d = 0; d < rank; ++d) {
    if (plan.count[d] == 0) return;
    base += static_cast<int64_t>(plan.start[d]) * plan.in_stride[d];
    step[d] = static_cast<int64_t>(plan.stride[d]) * plan.in_stride[d];
  }
  const int last = rank - 1;
  const int32_t inner = plan.count[last];
  const int64_t inner_step = step[last];
  const size_t es = element_size;
  int32_t index[Shape::kMaxRank] = {};
  while (true) {
    const unsigned char* row = in + base * static_cast<int64_t>(es);
    if (inner_step == 1) {
      // Contiguous run: the common case (and TFLite's fast path too).
      std::memcpy(out, row, static_cast<size_t>(inner) * es);
      out += static_cast<size_t>(inner) * es;
    } else {
      const int64_t jump = inner_step * static_cast<int64_t>(es);
      for (int32_t i = 0; i < inner; ++i) {
        switch (es) {
          case 1:
            *out = *row;
            break;
          case 2:
            CopyElement<uint16_t>(row, out);
            break;
          case 4:
            CopyElement<uint32_t>(row, out);
            break;
          case 8:
            CopyElement<uint64_t>(row, out);
            break;
          default:
            std::memcpy(out, row, es);
            break;
        }
        out += es;
        row += jump;
      }
    }
    int d = last - 1;
    while (d >= 0) {
      base += step[d];
      if (++index[d] < plan.count[d]) break;
      base -= step[d] * plan.count[d];
      index[d] = 0;
      --d;
    }
    if (d < 0) return;
  }
}

}  // namespace ref
}  // namespace mote
