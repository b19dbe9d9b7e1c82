// Opcode names, expanded from the GBC_OPCODES list in bytecode.h.
#include "interp/bytecode.h"

namespace gbc::interp {

const char* opName(Op op) {
  switch (op) {
#define GBC_OP_NAME(name) \
  case Op::name:          \
    return #name;
    GBC_OPCODES(GBC_OP_NAME)
#undef GBC_OP_NAME
  }
  GBC_UNREACHABLE("unknown opcode");
}

}  // namespace gbc::interp
