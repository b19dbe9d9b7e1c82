// mayReachTorch: a text search over the file and its importable neighbours (see reach.h).
#include "interp/reach.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>

namespace gbc::interp {

namespace {

constexpr std::string_view kNeedle = "torch";
constexpr std::size_t kMaxFiles = 100'000;
constexpr std::uintmax_t kMaxBytes = std::uintmax_t{1} << 30;
constexpr int kMaxDepth = 64;  // symbolic-link cycles end here

/// A name an import statement could spell: ASCII identifiers, and anything non-ASCII (Python
/// accepts Unicode identifiers; taking them all is the safe side).
bool importable(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    bool ok = u >= 0x80 || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool fileMentionsTorch(const std::filesystem::path& path, std::uintmax_t& bytes, bool& failed) {
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) {
    failed = true;
    return false;
  }
  // Chunks overlap by the needle's length less one, so a match across a boundary is found.
  char buf[1 << 16];
  std::size_t keep = 0;
  bool found = false;
  for (;;) {
    std::size_t n = std::fread(buf + keep, 1, sizeof buf - keep, fp);
    if (n == 0) break;
    bytes += n;
    std::string_view chunk(buf, keep + n);
    if (chunk.find(kNeedle) != std::string_view::npos) {
      found = true;
      break;
    }
    keep = std::min(chunk.size(), kNeedle.size() - 1);
    std::memmove(buf, buf + chunk.size() - keep, keep);
  }
  if (std::ferror(fp)) failed = true;
  std::fclose(fp);
  return found;
}

struct Scan {
  std::size_t files = 0;
  std::uintmax_t bytes = 0;
  bool found = false;  // a mention, or a reason to assume one (too large, unreadable)

  void folder(const std::filesystem::path& dir, int depth) {
    if (depth > kMaxDepth) {
      found = true;
      return;
    }
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec), end;
    if (ec) {
      found = depth == 0;  // an unreadable root; an unreadable subfolder cannot be imported either
      return;
    }
    for (; !found && it != end; it.increment(ec)) {
      if (ec) {
        found = true;
        return;
      }
      const std::filesystem::path& path = it->path();
      std::string name = path.filename().string();
      std::error_code kind_ec;
      if (it->is_directory(kind_ec)) {
        if (importable(name)) folder(path, depth + 1);
        continue;
      }
      if (name.size() < 4 || name.compare(name.size() - 3, 3, ".py") != 0) continue;
      if (!importable(std::string_view(name).substr(0, name.size() - 3))) continue;
      if (++files > kMaxFiles || bytes > kMaxBytes) {
        found = true;
        return;
      }
      bool failed = false;
      if (fileMentionsTorch(path, bytes, failed) || failed) found = true;
    }
  }
};

std::mutex scans_mutex;
std::map<std::string, bool> scans;  // root -> whether it mentions torch

bool rootMentionsTorch(const std::string& root) {
  std::lock_guard<std::mutex> lock(scans_mutex);
  std::map<std::string, bool>& scanned = scans;
  if (auto it = scanned.find(root); it != scanned.end()) return it->second;
  Scan scan;
  scan.folder(root, 0);
  scanned.emplace(root, scan.found);
  return scan.found;
}

}  // namespace

bool mayReachTorch(std::string_view source, const std::vector<std::string>& roots) {
  if (source.find(kNeedle) != std::string_view::npos) return true;
  for (const std::string& root : roots)
    if (rootMentionsTorch(root)) return true;
  return false;
}

void forgetReachScans() {
  std::lock_guard<std::mutex> lock(scans_mutex);
  scans.clear();
}

}  // namespace gbc::interp
