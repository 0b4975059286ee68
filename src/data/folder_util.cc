#include "data/folder_util.h"

#include <algorithm>
#include <filesystem>

#include "data/dataset.h"

namespace mote::data {

std::vector<ClassFiles> ListClassFolders(const std::string& root,
                                         const std::vector<std::string>& extensions,
                                         const std::string& kind) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) throw DataError(root + ": not a folder");
  std::string wanted;
  for (const auto& e : extensions) wanted += (wanted.empty() ? "" : " ") + e;
  std::vector<ClassFiles> classes;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    if (entry.is_directory() && entry.path().filename().string()[0] != '.') {
      dirs.push_back(entry.path());
    }
  }
  if (ec) throw DataError(root + ": cannot list (" + ec.message() + ")");
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    ClassFiles c;
    c.name = dir.filename().string();
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      std::string ext = entry.path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end()) {
        c.files.push_back(entry.path().string());
      }
    }
    if (ec) throw DataError(dir.string() + ": cannot list (" + ec.message() + ")");
    if (c.files.empty()) {
      throw DataError(dir.string() + ": class folder has no " + kind + " files (" + wanted + ")");
    }
    std::sort(c.files.begin(), c.files.end());
    classes.push_back(std::move(c));
  }
  if (classes.empty()) {
    throw DataError(root + ": no class folders (expected " + root + "/<class>/<" + kind +
                    " files>)");
  }
  if (classes.size() < 2) {
    throw DataError(root + ": only one class folder ('" + classes[0].name +
                    "'); a classifier needs at least 2");
  }
  return classes;
}

}  // namespace mote::data
