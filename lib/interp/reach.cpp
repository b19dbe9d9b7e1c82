// mayReachTorch: a text search over the file and the local modules its imports can load (reach.h).
#include "interp/reach.h"

#include "syntax/lexical.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <system_error>

namespace gbc::interp {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNeedle = "torch";
constexpr std::size_t kMaxFiles = 100'000;
constexpr std::uintmax_t kMaxBytes = std::uintmax_t{1} << 30;
constexpr int kMaxDepth = 64;  // symbolic-link cycles end here

// ---- what a file imports, read lexically

/// One import the file can execute: `module` (dotted, without leading dots) at relative `level`
/// (0: absolute), and the names `from module import a, b` takes (they may be submodules).
struct ImportRef {
  int level = 0;
  std::string module;
  std::vector<std::string> names;
  bool star = false;  // `from module import *`
};

struct FileFacts {
  bool mentions_torch = false;
  bool dynamic = false;  // loads modules by computed names (loadsByName)
  std::vector<ImportRef> imports;
};

bool mentionsTorch(std::string_view text) {
  // Horspool: looks at one byte in about four (glibc's memmem and std::search are slower here).
  static const auto skip = [] {
    std::array<uint8_t, 256> table;
    table.fill(static_cast<uint8_t>(kNeedle.size()));
    for (size_t i = 0; i + 1 < kNeedle.size(); ++i)
      table[static_cast<unsigned char>(kNeedle[i])] = static_cast<uint8_t>(kNeedle.size() - 1 - i);
    return table;
  }();
  const size_t m = kNeedle.size();
  const char last = kNeedle[m - 1];
  for (size_t i = m - 1; i < text.size(); i += skip[static_cast<unsigned char>(text[i])]) {
    if (text[i] == last && std::memcmp(text.data() + i - (m - 1), kNeedle.data(), m - 1) == 0)
      return true;
  }
  return false;
}

bool wordChar(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

/// The tokens of Python source that matter for imports: names, `.`, `,`, `(`, `)`, and the end
/// `*`, handed to `on_line` one logical line (ended by ";" or a newline outside brackets) at a
/// time. Strings and comments skipped.
template <typename OnLine>
void forEachLogicalLine(std::string_view text, OnLine on_line) {
  std::vector<std::string_view> out;  // the current logical line's tokens
  const size_t n = text.size();
  int brackets = 0;
  for (size_t i = 0; i < n;) {
    char c = text[i];
    if (wordChar(c)) {
      size_t j = i;
      while (j < n && wordChar(text[j])) ++j;
      if (j < n && (text[j] == '"' || text[j] == '\'') && j - i <= 3) {
        i = j;  // a string prefix: the literal follows
        continue;
      }
      out.push_back(text.substr(i, j - i));
      i = j;
      continue;
    }
    switch (c) {
      case '#':
        while (i < n && text[i] != '\n') ++i;
        break;
      case '\\':
        i += 2;
        break;
      case '\n':
      case ';':
        if (brackets == 0 || c == ';') {
          if (!out.empty()) on_line(out);
          out.clear();
        }
        ++i;
        break;
      case '(':
      case '[':
      case '{':
        ++brackets;
        out.push_back(text.substr(i, 1));
        ++i;
        break;
      case ')':
      case ']':
      case '}':
        if (brackets > 0) --brackets;
        out.push_back(text.substr(i, 1));
        ++i;
        break;
      case '.':
      case ',':
      case '*':
        out.push_back(text.substr(i, 1));
        ++i;
        break;
      case '"':
      case '\'':
        i = syntax::skipStringLiteral(text, i);
        break;
      default:
        ++i;
    }
  }
  if (!out.empty()) on_line(out);
}

/// The functions that load a module by a computed name or path.
bool loadsByName(std::string_view name) {
  static constexpr std::string_view kLoaders[] = {
      "__import__",      "import_module", "exec_module", "load_module",
      "load_source",     "run_module",    "run_path",    "spec_from_file_location",
      "SourceFileLoader"};
  return std::find(std::begin(kLoaders), std::end(kLoaders), name) != std::end(kLoaders);
}

FileFacts factsOf(std::string_view text) {
  FileFacts facts;
  facts.mentions_torch = mentionsTorch(text);
  if (facts.mentions_torch) return facts;
  forEachLogicalLine(text, [&](const std::vector<std::string_view>& t) {
    for (size_t i = 0; i < t.size(); ++i) {
      if (loadsByName(t[i])) facts.dynamic = true;
      if (t[i] != "import") continue;
      // `import` is a keyword: this is an import statement. `from X import ...` when `from` and
      // a (relative) dotted name come right before it.
      size_t k = i;
      while (k > 0 && (t[k - 1] == "." || (wordChar(t[k - 1][0]) && t[k - 1] != "from"))) --k;
      if (k > 0 && t[k - 1] == "from" && k < i) {
        ImportRef ref;
        size_t j = k;
        while (j < i && t[j] == ".") ++ref.level, ++j;
        for (; j < i; ++j) ref.module += t[j];
        // `from pkg import *` loads the submodules pkg's __all__ names: any of them.
        ref.star = i + 1 < t.size() && t[i + 1] == "*";
        // the names: `a as b, c` or `(a, b)`, to the end of the statement
        for (size_t m = i + 1; m < t.size(); ++m) {
          if (wordChar(t[m][0]) && t[m] != "as" && t[m - 1] != "as") ref.names.emplace_back(t[m]);
        }
        facts.imports.push_back(std::move(ref));
        break;
      }
      // `import a.b as c, d`
      for (size_t m = i + 1; m < t.size();) {
        ImportRef ref;
        while (m < t.size() && (t[m] == "." || (wordChar(t[m][0]) && t[m] != "as")))
          ref.module += t[m++];
        if (!ref.module.empty()) facts.imports.push_back(std::move(ref));
        while (m < t.size() && t[m] != ",") ++m;
        ++m;
      }
      break;
    }
  });
  return facts;
}

bool readText(const fs::path& path, std::string& out) {
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return false;
  out.clear();
  if (std::fseek(fp, 0, SEEK_END) == 0) {
    long size = std::ftell(fp);
    if (size > 0) out.reserve(static_cast<std::size_t>(size));
    std::rewind(fp);
  }
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) out.append(buf, n);
  bool ok = !std::ferror(fp);
  std::fclose(fp);
  return ok;
}

// ---- the whole-root scan, for files that import dynamically

/// A name an import statement could spell: ASCII identifiers, and anything non-ASCII (Python
/// accepts Unicode identifiers; taking them all is the safe side).
bool importable(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), wordChar);
}

struct Scan {
  std::size_t files = 0;
  std::uintmax_t bytes = 0;
  bool found = false;  // a mention, or a reason to assume one (too large, unreadable)

  void folder(const fs::path& dir, int depth) {
    if (depth > kMaxDepth) {
      found = true;
      return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      found = depth == 0;  // an unreadable root; an unreadable subfolder cannot be imported either
      return;
    }
    for (; !found && it != end; it.increment(ec)) {
      if (ec) {
        found = true;
        return;
      }
      const fs::path& path = it->path();
      std::string name = path.filename().string();
      std::error_code kind_ec;
      if (it->is_directory(kind_ec)) {
        if (importable(name)) folder(path, depth + 1);
        continue;
      }
      if (name.size() < 4 || name.compare(name.size() - 3, 3, ".py") != 0) continue;
      if (!importable(std::string_view(name).substr(0, name.size() - 3))) continue;
      thread_local std::string text;
      if (++files > kMaxFiles || bytes > kMaxBytes || !readText(path, text)) {
        found = true;
        return;
      }
      bytes += text.size();
      if (mentionsTorch(text)) found = true;
    }
  }
};

// ---- caches (per process; forgetReachScans clears them)

std::mutex cache_mutex;
std::map<std::string, bool> root_scans;  // root -> mentions torch
std::map<std::string, std::shared_ptr<const FileFacts>>
    file_facts;                    // path -> facts (null: unreadable)
std::set<std::string> torch_free;  // files whose whole import closure was followed: no torch

/// Whether a scan of `outer` found no torch and covered `dir` (inside it through importable names).
bool coveredByCleanScan(const std::string& outer, bool found, const std::string& dir) {
  if (found || dir.size() <= outer.size() + 1 || dir.compare(0, outer.size(), outer) != 0 ||
      dir[outer.size()] != '/')
    return false;
  std::string_view rest(dir);
  rest.remove_prefix(outer.size() + 1);
  for (size_t start = 0; start <= rest.size();) {
    size_t slash = rest.find('/', start);
    if (!importable(rest.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start)))
      return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

/// Whether a finished scan says `root` has no torch (its own, or a covering one). Lock held.
bool knownClean(const std::string& root) {
  if (auto it = root_scans.find(root); it != root_scans.end()) return !it->second;
  for (const auto& [outer, found] : root_scans)
    if (coveredByCleanScan(outer, found, root)) return true;
  return false;
}

bool rootMentionsTorch(const std::string& root) {
  std::lock_guard<std::mutex> lock(cache_mutex);
  if (auto it = root_scans.find(root); it != root_scans.end()) return it->second;
  if (knownClean(root)) return false;
  Scan scan;
  scan.folder(root, 0);
  root_scans.emplace(root, scan.found);
  return scan.found;
}

std::shared_ptr<const FileFacts> factsOfFile(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    if (auto it = file_facts.find(path); it != file_facts.end()) return it->second;
  }
  std::string text;
  std::shared_ptr<const FileFacts> facts;
  if (readText(path, text)) facts = std::make_shared<const FileFacts>(factsOf(text));
  std::lock_guard<std::mutex> lock(cache_mutex);
  return file_facts.emplace(path, facts).first->second;
}

bool isFile(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

/// Follows the imports of every file in `work` (the files import can load), depth first, until
/// one mentions torch or imports dynamically.
class Closure {
 public:
  Closure(const std::vector<std::string>& roots, const std::vector<std::string>& site_packages)
      : roots_(roots), site_packages_(site_packages) {
    bases_ = roots;
    bases_.insert(bases_.end(), site_packages.begin(), site_packages.end());
  }

  bool reaches(const std::string& dir, const FileFacts& facts) {
    if (facts.mentions_torch) return true;
    if (facts.dynamic) {
      // a package of the environment: any module of its own top-level package may be loaded
      if (std::string package = sitePackageOf(dir); !package.empty())
        return rootMentionsTorch(package);
    }
    if (roots_clean_) return false;
    if (facts.dynamic) {
      // Any module under the roots may be loaded: a file under them that mentions torch counts.
      // (the package root first: a clean scan of it covers the script's own folder)
      for (auto root = roots_.rbegin(); root != roots_.rend(); ++root)
        if (rootMentionsTorch(*root)) return true;
      // Nothing under the roots mentions torch: nothing this search can reach does, unless it
      // imports a package of the environment (followed below).
      if (site_packages_.empty()) {
        roots_clean_ = true;
        return false;
      }
    }
    for (const ImportRef& ref : facts.imports) {
      std::vector<std::string> bases;
      if (ref.level > 0) {
        std::string base = dir;
        for (int i = 1; i < ref.level; ++i) base = parentOf(base);
        bases.push_back(base);
      } else {
        bases = bases_;
      }
      for (const std::string& base : bases) {
        if (visitPackage(base, slashed(ref.module), ref.names)) return true;
        if (ref.star &&
            visitSubmodules(ref.module.empty() ? base : base + "/" + slashed(ref.module)))
          return true;
      }
    }
    return false;
  }

 private:
  /// The top-level package folder of a site-packages folder that `dir` is in ("" if none).
  std::string sitePackageOf(const std::string& dir) const {
    for (const std::string& site : site_packages_) {
      if (dir.size() <= site.size() + 1 || dir.compare(0, site.size(), site) != 0 ||
          dir[site.size()] != '/')
        continue;
      size_t slash = dir.find('/', site.size() + 1);
      return dir.substr(0, slash);
    }
    return {};
  }

  static std::string slashed(std::string dotted) {
    std::replace(dotted.begin(), dotted.end(), '.', '/');
    return dotted;
  }
  static std::string parentOf(const std::string& dir) {
    size_t slash = dir.rfind('/');
    return slash == std::string::npos ? std::string(".") : dir.substr(0, slash);
  }

  /// `import rel` (and `from rel import names`) under `base`: every __init__.py on the way, the
  /// module itself, and each name that is a submodule.
  bool visitPackage(const std::string& base, const std::string& rel,
                    const std::vector<std::string>& names) {
    std::string at = base;
    size_t start = 0;
    if (!rel.empty()) {
      for (;;) {
        size_t slash = rel.find('/', start);
        std::string part =
            rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        at += "/" + part;
        if (visit(at + "/__init__.py") || visit(at + ".py")) return true;
        if (slash == std::string::npos) break;
        start = slash + 1;
      }
    } else if (visit(at + "/__init__.py")) {
      return true;
    }
    for (const std::string& name : names)
      if (visit(at + "/" + name + ".py") || visit(at + "/" + name + "/__init__.py")) return true;
    return false;
  }

  /// Every module of the package folder `dir` (what its __all__ may name).
  bool visitSubmodules(const std::string& dir) {
    if (!isFile(dir + "/__init__.py")) return false;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      std::error_code kind_ec;
      if (it->is_directory(kind_ec)) {
        if (importable(name) && visit(dir + "/" + name + "/__init__.py")) return true;
      } else if (name.size() > 3 && name.compare(name.size() - 3, 3, ".py") == 0) {
        if (visit(dir + "/" + name)) return true;
      }
    }
    return static_cast<bool>(ec);  // an unreadable package: assume the worst
  }

  bool visit(const std::string& path) {
    if (!seen_.insert(path).second) return false;
    {
      std::lock_guard<std::mutex> lock(cache_mutex);
      if (torch_free.count(key(path))) return false;
    }
    if (!isFile(path)) return false;
    if (++files_ > kMaxFiles) return true;
    std::shared_ptr<const FileFacts> facts = factsOfFile(path);
    if (!facts) return true;  // unreadable: assume the worst
    return reaches(parentOf(path), *facts);
  }

 public:
  /// Every file the search visited. When it found no torch, each of them is torch-free too: the
  /// search followed all their imports (or reached files already known to be).
  void rememberTorchFree() {
    std::lock_guard<std::mutex> lock(cache_mutex);
    for (const std::string& path : seen_) torch_free.insert(key(path));
  }

 private:
  /// Absolute imports resolve against the roots: a file's closure depends on them too.
  std::string key(const std::string& path) const {
    std::string k;
    for (const std::string& root : bases_) k += root + '\n';
    return k + path;
  }

  const std::vector<std::string>& roots_;
  const std::vector<std::string>& site_packages_;
  std::vector<std::string> bases_;  // roots, then site_packages: where absolute imports resolve
  bool roots_clean_ = false;
  std::set<std::string> seen_;
  std::size_t files_ = 0;
};

}  // namespace

bool mayReachTorch(std::string_view source, const std::string& dir,
                   const std::vector<std::string>& roots,
                   const std::vector<std::string>& site_packages) {
  if (mentionsTorch(source)) return true;
  {
    // Roots already read whole and found clean: nothing reachable from them mentions torch.
    std::lock_guard<std::mutex> lock(cache_mutex);
    bool clean = std::all_of(roots.begin(), roots.end(), knownClean);
    if (clean) return false;
  }
  FileFacts facts = factsOf(source);
  Closure closure(roots, site_packages);
  if (closure.reaches(dir, facts)) return true;
  closure.rememberTorchFree();
  return false;
}

void forgetReachScans() {
  std::lock_guard<std::mutex> lock(cache_mutex);
  root_scans.clear();
  file_facts.clear();
  torch_free.clear();
}

}  // namespace gbc::interp
