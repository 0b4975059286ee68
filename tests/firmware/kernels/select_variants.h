// The entry points of kernels/select.h as variants: what the op wrappers
// call, including their fallbacks to the reference, must be exact too.
#ifndef MOTE_TESTS_FIRMWARE_KERNELS_SELECT_VARIANTS_H_
#define MOTE_TESTS_FIRMWARE_KERNELS_SELECT_VARIANTS_H_

#include "kernels/select.h"
#include "variants.h"

namespace mote {
namespace kernel_test {

constexpr ConvVariant kSelectConv = {
    "opt::ConvPerChannelS8",
    [](const ConvParams&, const Shape&, const Shape&, const Shape&) {
      return true;
    },
    opt::ConvPerChannelS8_ScratchBytes, opt::ConvPerChannelS8};

constexpr DepthwiseVariant kSelectDepthwise = {
    "opt::DepthwiseConvPerChannelS8",
    [](const DepthwiseConvParams&, const Shape&, const Shape&, const Shape&) {
      return true;
    },
    opt::DepthwiseConvPerChannelS8_ScratchBytes,
    opt::DepthwiseConvPerChannelS8};

constexpr FullyConnectedVariant kSelectFullyConnected = {
    "opt::FullyConnectedS8", false,
    [](const FullyConnectedParams&, const Shape&, const Shape&, const Shape&) {
      return true;
    },
    opt::FullyConnectedS8_ScratchBytes,
    [](const FullyConnectedParams& p, const int32_t*, const int32_t*,
       const Shape& is, const int8_t* in, const Shape& fs, const int8_t* f,
       const int32_t* bias, const Shape& os, int8_t* out, void* scratch) {
      opt::FullyConnectedS8(p, is, in, fs, f, bias, os, out, scratch);
    }};

constexpr FullyConnectedVariant kSelectFullyConnectedPerChannel = {
    "opt::FullyConnectedPerChannelS8", true,
    [](const FullyConnectedParams&, const Shape&, const Shape&, const Shape&) {
      return true;
    },
    opt::FullyConnectedPerChannelS8_ScratchBytes,
    opt::FullyConnectedPerChannelS8};

constexpr AddVariant kSelectAdd = {
    "opt::AddS8",
    [](const ref::AddSubParams&, const Shape&, const Shape&) { return true; },
    opt::AddS8};

constexpr PoolVariant kSelectAveragePool = {
    "opt::AveragePoolS8",
    [](const ref::PoolParams&, const Shape&, const Shape&) { return true; },
    [](const ref::PoolParams& p, const Shape& is, const int8_t* in,
       const Shape& os, int8_t* out) {
      return opt::AveragePoolS8(p, is, in, os, out, nullptr);
    }};

constexpr PoolVariant kSelectMaxPool = {
    "opt::MaxPoolS8",
    [](const ref::PoolParams&, const Shape&, const Shape&) { return true; },
    [](const ref::PoolParams& p, const Shape& is, const int8_t* in,
       const Shape& os, int8_t* out) {
      opt::MaxPoolS8(p, is, in, os, out);
      return true;
    }};

}  // namespace kernel_test
}  // namespace mote

#endif  // MOTE_TESTS_FIRMWARE_KERNELS_SELECT_VARIANTS_H_
