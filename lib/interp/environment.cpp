// Finding the user's Python environment (environment.h).
#include "interp/environment.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "interp/code_image.h"

namespace gbc::interp {

namespace {

namespace fs = std::filesystem;

bool isDir(const std::string& p) {
  struct stat st;
  return !p.empty() && ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool isFile(const std::string& p) {
  struct stat st;
  return !p.empty() && ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string parentOf(const std::string& p) {
  size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : p.substr(0, slash);
}

std::string absolute(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return ec ? p : a.lexically_normal().string();
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

/// "3.12" from "python3.12", "3.12.7", "3.12"; "" otherwise.
std::string majorMinor(const std::string& text) {
  size_t at = text.find("3.");
  if (at == std::string::npos) return {};
  size_t end = at + 2;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  return end > at + 2 ? text.substr(at, end - at) : std::string();
}

/// The first `name` on $PATH that is an executable file.
std::string onPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return {};
  std::string all = path;
  for (size_t start = 0; start <= all.size();) {
    size_t colon = all.find(':', start);
    if (colon == std::string::npos) colon = all.size();
    std::string dir = all.substr(start, colon - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (isFile(candidate) && ::access(candidate.c_str(), X_OK) == 0) return absolute(candidate);
    start = colon + 1;
  }
  return {};
}

/// pyvenv.cfg's `key = value` lines.
std::vector<std::pair<std::string, std::string>> readConfig(const std::string& file) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    out.emplace_back(trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
  }
  return out;
}

std::string configValue(const std::vector<std::pair<std::string, std::string>>& cfg,
                        const std::string& key) {
  for (const auto& [k, v] : cfg)
    if (k == key) return v;
  return {};
}

/// The site folders of an installation (not a virtual environment) at `prefix` for `version`,
/// as its site.py would list them: Debian's dist-packages layout, else upstream's.
std::vector<std::string> installationSites(const std::string& prefix, const std::string& version) {
  std::vector<std::string> out;
  std::string user = std::getenv("HOME") ? std::string(std::getenv("HOME")) : std::string();
  if (!user.empty() && !version.empty()) {
    std::string site = user + "/.local/lib/python" + version + "/site-packages";
    if (isDir(site)) out.push_back(site);
  }
  if (isDir(prefix + "/lib/python3/dist-packages")) {
    for (const std::string& dir : {prefix + "/local/lib/python" + version + "/dist-packages",
                                   prefix + "/lib/python3/dist-packages",
                                   prefix + "/lib/python" + version + "/dist-packages"})
      if (isDir(dir)) out.push_back(dir);
    return out;
  }
  std::string site = prefix + "/lib/python" + version + "/site-packages";
  if (isDir(site)) out.push_back(site);
  return out;
}

/// The python3.X folders under prefix/lib (when the interpreter's name does not tell).
std::string onlyVersionUnder(const std::string& prefix) {
  std::string found;
  std::error_code ec;
  for (fs::directory_iterator it(prefix + "/lib", ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind("python3.", 0) != 0 || !isDir(it->path().string())) continue;
    if (!found.empty()) return {};  // several: ambiguous
    found = majorMinor(name);
  }
  return found;
}

/// Runs `interpreter` once to ask for its version, prefix and site folders; the answer is cached
/// by the interpreter's path and mtime. Empty when it cannot be run.
std::vector<std::string> askInterpreter(const std::string& interpreter,
                                        const std::string& cache_dir) {
  struct stat st;
  if (::stat(interpreter.c_str(), &st) != 0) return {};
  std::string key = interpreter + " " + std::to_string(st.st_mtim.tv_sec) + "." +
                    std::to_string(st.st_mtim.tv_nsec);
  std::string cache_file;
  if (!cache_dir.empty()) {
    char name[32];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(sourceHash(key)));
    cache_file = cache_dir + "/env/" + name;
    std::ifstream in(cache_file);
    std::string first;
    if (in && std::getline(in, first) && first == key) {
      std::vector<std::string> lines;
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      return lines;
    }
  }
  // one line each: the version, the prefix, then the site folders on sys.path
  const char* script =
      "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.prefix); "
      "[print(p) for p in sys.path if p.endswith(('site-packages', 'dist-packages'))]";
  int fds[2];
  if (::pipe(fds) != 0) return {};
  pid_t pid = ::fork();
  if (pid < 0) return {};
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl(interpreter.c_str(), interpreter.c_str(), "-c", script, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (lines.size() < 2) return {};
  if (!cache_file.empty()) {
    std::error_code ec;
    fs::create_directories(parentOf(cache_file), ec);
    std::string temp = cache_file + ".tmp." + std::to_string(::getpid());
    {
      std::ofstream out(temp);
      out << key << "\n";
      for (const std::string& l : lines) out << l << "\n";
    }
    if (std::rename(temp.c_str(), cache_file.c_str()) != 0) std::remove(temp.c_str());
  }
  return lines;
}

/// site.addsitedir: `dir`, then the path lines of its .pth files (sorted by name).
void addSiteDir(const std::string& dir, PythonEnvironment& env) {
  if (std::find(env.site_packages.begin(), env.site_packages.end(), dir) != env.site_packages.end())
    return;
  env.site_packages.push_back(dir);
  std::vector<std::string> pth;
  // (readdir: a site-packages folder has hundreds of entries, std::filesystem costs more per one)
  if (DIR* folder = ::opendir(dir.c_str())) {
    while (const struct dirent* entry = ::readdir(folder)) {
      std::string_view name = entry->d_name;
      if (name.size() > 4 && name.substr(name.size() - 4) == ".pth" && name[0] != '.')
        pth.emplace_back(name);
    }
    ::closedir(folder);
  }
  std::sort(pth.begin(), pth.end());
  for (const std::string& name : pth) {
    std::ifstream in(dir + "/" + name);
    bool skipped = false;
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      if (line.rfind("import ", 0) == 0 || line.rfind("import\t", 0) == 0) {
        skipped = true;
        continue;
      }
      std::string path = trim(line);
      if (path.empty()) continue;
      std::string full = absolute(path[0] == '/' ? path : dir + "/" + path);
      if (isDir(full) && std::find(env.site_packages.begin(), env.site_packages.end(), full) ==
                             env.site_packages.end())
        env.site_packages.push_back(full);
    }
    if (skipped)
      env.notes.push_back("the import lines of " + dir + "/" + name +
                          " were not run (gbc does not execute .pth files' code)");
  }
}

}  // namespace

Result<PythonEnvironment> findEnvironment(const EnvironmentRequest& request) {
  PythonEnvironment env;
  for (const std::string& dir : request.site_packages) {
    if (!isDir(dir))
      return Error{ErrorCode::Usage, "--site-packages '" + dir + "': not a directory"};
    addSiteDir(absolute(dir), env);
  }
  std::string python = request.python;
  env.origin = python.empty() ? "" : request.python_origin;
  if (!python.empty() && !isDir(python) && !isFile(python))
    return Error{ErrorCode::Usage,
                 request.python_origin + " '" + python + "': no such file or directory"};
  if (python.empty() && request.search) {
    if (const char* venv = std::getenv("VIRTUAL_ENV"); venv && isDir(venv)) {
      python = venv;
      env.origin = "$VIRTUAL_ENV";
    } else if (std::string found = onPath("python3"); !found.empty()) {
      python = found;
      env.origin = "python3 on PATH";
    }
  }
  if (python.empty()) {
    if (!request.site_packages.empty()) env.origin = "--site-packages";
    return env;
  }
  python = absolute(python);
  if (isDir(python)) {
    // an environment's folder
    for (const char* exe : {"/bin/python3", "/bin/python"})
      if (isFile(python + exe)) {
        env.interpreter = python + exe;
        break;
      }
    env.prefix = python;
  } else {
    env.interpreter = python;
    env.prefix = parentOf(parentOf(python));
  }
  std::string cfg_file = env.prefix + "/pyvenv.cfg";
  if (isFile(cfg_file)) {
    // a virtual environment: pyvenv.cfg says everything
    auto cfg = readConfig(cfg_file);
    env.version = majorMinor(configValue(cfg, "version_info"));
    if (env.version.empty()) env.version = majorMinor(configValue(cfg, "version"));
    if (env.version.empty()) env.version = onlyVersionUnder(env.prefix);
    std::string site = env.prefix + "/lib/python" + env.version + "/site-packages";
    if (!env.version.empty() && isDir(site)) addSiteDir(site, env);
    std::string system = configValue(cfg, "include-system-site-packages");
    std::string home = configValue(cfg, "home");
    if ((system == "true" || system == "True") && !home.empty())
      for (const std::string& dir : installationSites(parentOf(home), env.version))
        addSiteDir(dir, env);
  } else {
    std::error_code ec;
    std::string real =
        env.interpreter.empty() ? std::string() : fs::canonical(env.interpreter, ec).string();
    if (!real.empty() && !ec) {
      env.version = majorMinor(real.substr(real.rfind('/') + 1));
      std::string prefix = parentOf(parentOf(real));
      if (env.version.empty()) env.version = onlyVersionUnder(prefix);
      if (!env.version.empty()) {
        env.prefix = prefix;
        for (const std::string& dir : installationSites(prefix, env.version)) addSiteDir(dir, env);
      }
    }
    if (env.version.empty() && !env.interpreter.empty()) {
      // neither the name nor the layout tells: ask the interpreter (once; cached)
      std::vector<std::string> answer = askInterpreter(env.interpreter, request.cache_dir);
      if (!answer.empty()) {
        env.version = answer[0];
        env.prefix = answer[1];
        for (size_t i = 2; i < answer.size(); ++i)
          if (isDir(answer[i])) addSiteDir(answer[i], env);
      }
    }
  }
  if (!env.version.empty() && env.version != request.target_python)
    env.notes.insert(env.notes.begin(),
                     "the environment's Python (" +
                         (env.interpreter.empty() ? env.prefix : env.interpreter) + ", from " +
                         env.origin + ") is " + env.version + ", the target's " +
                         request.target_python + ": its packages are used anyway");
  return env;
}

}  // namespace gbc::interp
