// IDX files (MNIST, Fashion-MNIST), plain or gzipped.
//
// An IDX file is a big-endian header (two zero bytes, a type byte, a
// dimension count, then one uint32 per dimension) followed by the values.
// Only unsigned bytes (type 0x08) are read: that is what the MNIST family
// ships. Truncated files, bad gzip streams, trailing bytes and headers that
// do not match are errors naming the file.
#ifndef MOTE_DATA_IDX_H_
#define MOTE_DATA_IDX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace mote::data {

struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> values;
};

// Throws DataError. Reads `path` through zlib, so .gz and plain files work.
IdxArray ReadIdxFile(const std::string& path);

// The images and labels of one split of an IDX folder: `split` is the
// prefix, e.g. "train" reads train-images-idx3-ubyte[.gz] and
// train-labels-idx1-ubyte[.gz]. Pixels are scaled to [0, 1] (x / 255);
// samples are h x w x 1. Class names: the Fashion-MNIST names when the
// folder's name says fashion and there are 10 classes, else "0".."9".
Dataset LoadIdxFolder(const std::string& folder, const std::string& split);

// Fashion-MNIST's class names in label order.
const std::vector<std::string>& FashionMnistClasses();

}  // namespace mote::data

#endif  // MOTE_DATA_IDX_H_
