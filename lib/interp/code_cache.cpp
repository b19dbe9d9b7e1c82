// The on-disk cache of compiled modules (code_cache.h).
#include "interp/code_cache.h"

#include <elf.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "interp/code_image.h"

namespace gbc::interp {

namespace {

constexpr std::string_view kMagic = "gbc-code-cache-1\n";

std::string hex64(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = digits[v & 15];
  return out;
}

void putU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool getU64(std::string_view in, size_t& pos, uint64_t& v) {
  if (in.size() - pos < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(in[pos + static_cast<size_t>(i)]))
         << (8 * i);
  pos += 8;
  return true;
}

/// Everything an entry depends on, as one string (stored whole in the entry and compared).
std::string keyOf(const SourceStamp& stamp, std::string_view python) {
  std::string key;
  for (std::string_view part : {std::string_view(stamp.real_path), std::string_view(stamp.filename),
                                python, std::string_view(buildIdentity())}) {
    key += part;
    key += '\0';
  }
  key += std::to_string(stamp.size) + '\0' + std::to_string(stamp.mtime_ns);
  return key;
}

bool readAll(const std::string& path, std::string& out) {
  std::FILE* fp = std::fopen(path.c_str(), "rb");
  if (!fp) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) out.append(buf, n);
  bool ok = !std::ferror(fp);
  std::fclose(fp);
  return ok;
}

void makeDirectories(const std::string& dir) {
  for (size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
    ::mkdir(dir.substr(0, slash).c_str(), 0755);  // (exists already: fine)
    if (slash == std::string::npos) break;
  }
}

int elfBuildId(struct dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  // the first object is the executable itself
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((note->n_namesz + 3) & ~3u);
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
          std::memcmp(name, "GNU", 4) == 0) {
        static const char* digits = "0123456789abcdef";
        for (uint32_t k = 0; k < note->n_descsz; ++k) {
          auto byte = static_cast<unsigned char>(desc[k]);
          *out += digits[byte >> 4];
          *out += digits[byte & 15];
        }
        return 1;
      }
      p = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return 1;  // only the executable
}

}  // namespace

const std::string& buildIdentity() {
  static const std::string identity = [] {
    std::string id;
    dl_iterate_phdr(elfBuildId, &id);
    if (!id.empty()) return "build-id:" + id;
    char exe[4096];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    struct stat st;
    if (n <= 0 || ::stat(std::string(exe, static_cast<size_t>(n)).c_str(), &st) != 0)
      return std::string("unknown");
    return std::string(exe, static_cast<size_t>(n)) + ":" + std::to_string(st.st_size) + ":" +
           std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }();
  return identity;
}

CodeCache::CodeCache(std::string dir) : dir_(std::move(dir)) {}

std::string CodeCache::defaultDirectory() {
  if (const char* dir = std::getenv("GBC_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return std::string(xdg) + "/gbc";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/gbc";
  return {};
}

CodeCache& CodeCache::process() {
  static CodeCache cache(defaultDirectory());
  return cache;
}

std::string CodeCache::entryPath(const SourceStamp& stamp, std::string_view python) const {
  std::string key = keyOf(stamp, python);
  return dir_ + "/code/" + hex64(sourceHash(key)) + ".gbcc";
}

std::shared_ptr<CodeObject> CodeCache::load(const SourceStamp& stamp,
                                            std::string_view python) const {
  if (!enabled()) return nullptr;
  std::string data;
  if (!readAll(entryPath(stamp, python), data)) return nullptr;
  std::string_view in(data);
  if (in.substr(0, kMagic.size()) != kMagic) return nullptr;
  size_t pos = kMagic.size();
  uint64_t key_size = 0, payload_size = 0, checksum = 0;
  if (!getU64(in, pos, key_size) || key_size > in.size() - pos) return nullptr;
  if (in.substr(pos, key_size) != keyOf(stamp, python)) return nullptr;  // another file's entry
  pos += key_size;
  if (!getU64(in, pos, payload_size) || !getU64(in, pos, checksum)) return nullptr;
  if (payload_size != in.size() - pos) return nullptr;
  std::string_view payload = in.substr(pos);
  if (sourceHash(payload) != checksum) return nullptr;
  return deserializeCode(payload);
}

bool CodeCache::store(const SourceStamp& stamp, std::string_view python,
                      const CodeObject& code) const {
  if (!enabled()) return false;
  std::string key = keyOf(stamp, python);
  std::string payload = serializeCode(code);
  std::string out(kMagic);
  putU64(out, key.size());
  out += key;
  putU64(out, payload.size());
  putU64(out, sourceHash(payload));
  out += payload;
  std::string path = entryPath(stamp, python);
  static std::atomic<uint64_t> counter{0};
  std::string temp =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
  std::FILE* fp = std::fopen(temp.c_str(), "wb");
  if (!fp) {
    makeDirectories(dir_ + "/code");
    fp = std::fopen(temp.c_str(), "wb");
    if (!fp) return false;
  }
  bool ok = std::fwrite(out.data(), 1, out.size(), fp) == out.size();
  ok = std::fclose(fp) == 0 && ok;
  if (ok && std::rename(temp.c_str(), path.c_str()) == 0) return true;
  std::remove(temp.c_str());
  return false;
}

}  // namespace gbc::interp
