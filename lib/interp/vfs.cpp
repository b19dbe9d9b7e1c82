// The VM's Vfs (vfs.h): made on first use, a real one for `gbc run`, an overlay for analysis.
#include "interp/vfs.h"

#include <cstdio>

#include "interp/dynamo.h"
#include "interp/vfs_internal.h"
#include "interp/vm.h"

namespace gbc::interp {

std::shared_ptr<Vfs> Vfs::create(bool overlay) {
  return overlay ? makeOverlayVfs() : makeRealVfs();
}

void Vfs::addFlushable(const std::shared_ptr<VfsFlushable>& stream) {
  if (flushables_.size() >= 64 && flushables_.size() % 64 == 0)
    std::erase_if(flushables_, [](const std::weak_ptr<VfsFlushable>& f) { return f.expired(); });
  flushables_.push_back(stream);
}

void Vfs::flushAll() {
  for (auto it = flushables_.rbegin(); it != flushables_.rend(); ++it)
    if (auto f = it->lock()) f->flushAtExit();
  flushables_.clear();
}

const std::shared_ptr<Vfs>& VM::vfsRef() {
  if (vfs_) return vfs_;
  vfs_ = Vfs::create(!runMode());
  // fd 1 is the program's stdout as print() writes it; fd 2 its stderr (shown in gbc run)
  vfs_->out = [this](std::string_view text) {
    dynamo().notePrinted(*this, std::string(text));
    if (out) out(text);
  };
  if (runMode())
    vfs_->err = [](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), stderr);
      std::fflush(stderr);
    };
  return vfs_;
}

}  // namespace gbc::interp
