// Class folders: <root>/<class name>/<files>, classes sorted by name.
#ifndef MOTE_DATA_FOLDER_UTIL_H_
#define MOTE_DATA_FOLDER_UTIL_H_

#include <string>
#include <vector>

namespace mote::data {

struct ClassFiles {
  std::string name;
  std::vector<std::string> files;  // sorted paths
};

// Lists the sub-folders of `root` (sorted) and their files whose extension
// (lower case, with the dot) is in `extensions`. Hidden entries are skipped.
// Throws DataError: root missing, no class folders, a class folder without
// files (naming it), fewer than two classes.
std::vector<ClassFiles> ListClassFolders(const std::string& root,
                                         const std::vector<std::string>& extensions,
                                         const std::string& kind);

}  // namespace mote::data

#endif  // MOTE_DATA_FOLDER_UTIL_H_
