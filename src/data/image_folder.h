// A folder of images per class: <root>/<class>/*.{png,jpg,jpeg,bmp}, decoded
// by stb_image. Samples are h x w x c with pixels scaled to [0, 1].
//
// Every image must have the first image's size (or `height` x `width` when
// given): a mismatch is an error naming the file and both sizes. Channels:
// `grayscale` converts everything to 1 channel, otherwise every file is read
// as 3-channel RGB (alpha dropped). Unreadable or truncated files are errors
// naming the file.
#ifndef MOTE_DATA_IMAGE_FOLDER_H_
#define MOTE_DATA_IMAGE_FOLDER_H_

#include <string>

#include "data/dataset.h"

namespace mote::data {

struct ImageFolderOptions {
  bool grayscale = false;
  int height = 0;  // 0: take the first image's size
  int width = 0;
};

Dataset LoadImageFolder(const std::string& root, const ImageFolderOptions& options);

}  // namespace mote::data

#endif  // MOTE_DATA_IMAGE_FOLDER_H_
