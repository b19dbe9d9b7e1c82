// Configuration files and PATH expansion.
#include "config.h"

#include <toml.hpp>

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace gbc::app {

namespace fs = std::filesystem;

static Error configError(const std::string& file, const std::string& what) {
  return Error{ErrorCode::Usage, "invalid configuration '" + file + "': " + what};
}

static Result<std::string> oneOf(const toml::value& value, const std::string& key,
                                 const std::set<std::string>& allowed, const std::string& file) {
  if (!value.is_string()) return configError(file, "'" + key + "' must be a string");
  std::string text = value.as_string();
  if (!allowed.count(text)) return configError(file, "'" + key + "' cannot be '" + text + "'");
  return text;
}

static Result<std::vector<std::string>> stringList(const toml::value& value, const std::string& key,
                                                   const std::string& file) {
  if (!value.is_array()) return configError(file, "'" + key + "' must be a list of strings");
  std::vector<std::string> out;
  for (const toml::value& item : value.as_array()) {
    if (!item.is_string()) return configError(file, "'" + key + "' must be a list of strings");
    out.push_back(item.as_string());
  }
  return out;
}

static Result<Config> readTable(const toml::value& table, const std::string& file) {
  Config config;
  config.file = file;
  config.dir = fs::path(file).parent_path().string();
  for (const auto& [key, value] : table.as_table()) {
    if (key == "fail-on") {
      Result<std::string> v = oneOf(value, key, {"error", "break", "never"}, file);
      if (!v) return v.error();
      config.fail_on = *v;
    } else if (key == "target") {
      Result<std::string> v = oneOf(value, key, {"2.14", "2.11", "2.9"}, file);
      if (!v) return v.error();
      config.target = *v;
    } else if (key == "format") {
      Result<std::string> v = oneOf(value, key, {"text", "json", "sarif", "github"}, file);
      if (!v) return v.error();
      config.format = *v;
    } else if (key == "exclude" || key == "ignore") {
      Result<std::vector<std::string>> v = stringList(value, key, file);
      if (!v) return v.error();
      if (key == "exclude") {
        config.exclude = *v;
      } else {
        for (std::string code : *v) {
          std::transform(code.begin(), code.end(), code.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
          config.ignore.push_back(code);
        }
      }
    } else if (key == "max-instructions" || key == "max-memory") {
      if (!value.is_integer() || value.as_integer() < 0)
        return configError(file, "'" + key + "' must be a whole number (0: no limit)");
      (key == "max-memory" ? config.max_memory : config.max_instructions) =
          static_cast<uint64_t>(value.as_integer());
    } else if (key == "timeout") {
      double seconds = value.is_integer()    ? static_cast<double>(value.as_integer())
                       : value.is_floating() ? value.as_floating()
                                             : -1;
      if (!(seconds >= 0))
        return configError(file, "'timeout' must be a number of seconds (0: no limit)");
      config.timeout = seconds;
    } else if (key == "python") {
      // an interpreter or an environment's folder, relative to the configuration file
      if (!value.is_string()) return configError(file, "'python' must be a string");
      fs::path python(std::string(value.as_string().str));
      config.python =
          python.is_absolute() ? python.string() : (fs::path(config.dir) / python).string();
    } else {
      return configError(file, "unknown key '" + key + "' in [tool.gbc]");
    }
  }
  return config;
}

/// The [tool.gbc] table of a pyproject.toml (nullopt when it has none) or a gbc.toml's top level.
static Result<std::optional<toml::value>> gbcTable(const std::string& path) {
  toml::value data;
  try {
    data = toml::parse(path);
  } catch (const std::exception& e) {
    std::string what = e.what();
    return Error{ErrorCode::Usage, "cannot read configuration '" + path + "': " + what};
  }
  if (fs::path(path).filename() != "pyproject.toml") return std::optional<toml::value>(data);
  if (!data.is_table() || !data.as_table().count("tool")) return std::optional<toml::value>();
  const toml::value& tool = data.as_table().at("tool");
  if (!tool.is_table() || !tool.as_table().count("gbc")) return std::optional<toml::value>();
  const toml::value& gbc = tool.as_table().at("gbc");
  if (!gbc.is_table()) return configError(path, "[tool.gbc] must be a table");
  return std::optional<toml::value>(gbc);
}

Result<Config> loadConfig(const std::string& path) {
  std::error_code ec;
  std::string absolute = fs::absolute(path, ec).lexically_normal().string();
  if (!fs::is_regular_file(absolute, ec))
    return Error{ErrorCode::Io, "cannot read configuration '" + path + "': No such file"};
  Result<std::optional<toml::value>> table = gbcTable(absolute);
  if (!table) return table.error();
  if (!*table) {
    Config empty;
    empty.file = absolute;
    empty.dir = fs::path(absolute).parent_path().string();
    return empty;
  }
  return readTable(**table, absolute);
}

Result<Config> findConfig(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (!dir.empty()) {
    for (const char* name : {"pyproject.toml", "gbc.toml"}) {
      fs::path candidate = dir / name;
      if (!fs::is_regular_file(candidate, ec)) continue;
      Result<std::optional<toml::value>> table = gbcTable(candidate.string());
      if (!table) return table.error();
      if (*table) return readTable(**table, candidate.string());
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return Config{};
}

static bool globMatches(const std::string& pattern, const std::string& relative,
                        const std::string& name) {
  std::string p = pattern;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.rfind("./", 0) == 0) p = p.substr(2);
  if (p.find('/') == std::string::npos) return fnmatch(p.c_str(), name.c_str(), 0) == 0;
  if (fnmatch(p.c_str(), relative.c_str(), 0) == 0) return true;
  if (p.rfind("**/", 0) == 0) return globMatches(p.substr(3), relative, name);
  return false;
}

bool isExcluded(const std::string& path, const Config& config) {
  if (config.exclude.empty()) return false;
  std::string relative = path;
  std::string prefix =
      config.dir.empty() || config.dir.back() == '/' ? config.dir : config.dir + "/";
  if (!prefix.empty() && path.rfind(prefix, 0) == 0) relative = path.substr(prefix.size());
  std::string name = fs::path(path).filename().string();
  return std::any_of(config.exclude.begin(), config.exclude.end(),
                     [&](const std::string& p) { return globMatches(p, relative, name); });
}

namespace {

/// One directory walk: the directories entered so far (device and inode, so a symlink to a
/// directory already walked, such as `..`, is not walked twice) and what was skipped.
struct Walk {
  const Config& config;
  std::vector<std::string>& files;
  std::vector<std::string>& notes;
  std::set<std::pair<dev_t, ino_t>> entered;

  /// False (with a note) when `dir` was entered before: a symlink cycle or a second link.
  bool enter(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return true;  // the iterator reports the failure
    if (entered.insert({st.st_dev, st.st_ino}).second) return true;
    notes.push_back(dir.string() + ": note: skipped: a link to a directory already analysed");
    return false;
  }

  void directory(const fs::path& dir) {
    if (!enter(dir)) return;
    std::error_code ec;
    std::vector<fs::path> entries;
    fs::directory_iterator it(dir, ec);
    for (fs::directory_iterator end; !ec && it != end; it.increment(ec))
      entries.push_back(it->path());
    if (ec) {
      notes.push_back(dir.string() + ": warning: cannot read directory: " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) visit(entry);
  }

  void visit(const fs::path& entry) {
    std::error_code ec;
    std::string name = entry.filename().string();
    std::string absolute = fs::absolute(entry, ec).lexically_normal().string();
    fs::file_status status = fs::status(entry, ec);  // follows a symlink
    if (fs::is_directory(status)) {
      if (name.empty() || name[0] == '.' || name == "__pycache__") return;
      if (isExcluded(absolute, config)) return;
      directory(entry);
      return;
    }
    if ((entry.extension() != ".py" && entry.extension() != ".ipynb") ||
        isExcluded(absolute, config))
      return;
    if (ec) {
      // a dangling symlink or an entry that cannot be examined
      notes.push_back(entry.string() + ": warning: skipped: " + ec.message());
    } else if (!fs::is_regular_file(status)) {
      // a FIFO or device named *.py: reading it could block the run forever
      notes.push_back(entry.string() + ": warning: skipped: not a regular file");
    } else {
      files.push_back(entry.string());
    }
  }
};

}  // namespace

std::vector<std::string> expandPaths(const std::vector<std::string>& paths, const Config& config,
                                     std::vector<std::string>* notes) {
  std::vector<std::string> out;
  std::vector<std::string> skipped;
  Walk walk{config, out, skipped, {}};
  std::error_code ec;
  for (const std::string& path : paths) {
    if (fs::is_directory(path, ec)) {
      walk.directory(fs::path(path));
      continue;
    }
    out.push_back(path);
  }
  if (notes) *notes = std::move(skipped);
  return out;
}

}  // namespace gbc::app
