// The target profile: every difference between the PyTorch/Python versions gbc models, in one
// table. Nothing else in gbc branches on the version.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gbc {

enum class TargetId { Torch2_14, Torch2_11, Torch2_9 };

struct TargetProfile {
  TargetId id;
  std::string_view torch;   // "2.14"
  std::string_view python;  // "3.14"
  /// Where torch-internal frames are printed from (a plausible install prefix of the target).
  std::string_view torch_prefix;
  /// `error_on_graph_break`'s wrapper `inner` in torch/_dynamo/external_utils.py.
  int egb_wrapper_line;
  /// `torch.compiler.wrap_numpy`'s `wrap` in external_utils.py.
  int wrap_numpy_line;
  /// Python 3.13+ prints `~~^^` caret lines under traceback source lines.
  bool caret_lines;
  /// 2.14 logs a "Stack variable source attribution" section.
  bool stack_attribution;
  /// 2.14's collapse_resume_frames also merges consecutive frames with the same name.
  bool collapse_same_name;
  /// 2.9's record layout: no "Encountered graph break when attempting to trace" prefix, no
  /// blank line before "User code traceback:".
  bool legacy_record_layout;
  /// Registry resource name: "2.14" or "2.11" (2.9 uses 2.11's).
  std::string_view registry;
};

inline constexpr TargetProfile kTarget2_14{TargetId::Torch2_14,
                                           "2.14",
                                           "3.14",
                                           "/usr/lib/python3/dist-packages/torch",
                                           215,
                                           100,
                                           true,
                                           true,
                                           true,
                                           false,
                                           "2.14"};
inline constexpr TargetProfile kTarget2_11{TargetId::Torch2_11,
                                           "2.11",
                                           "3.12",
                                           "/usr/local/lib/python3.12/site-packages/torch",
                                           240,
                                           101,
                                           false,
                                           false,
                                           false,
                                           false,
                                           "2.11"};
inline constexpr TargetProfile kTarget2_9{TargetId::Torch2_9,
                                          "2.9",
                                          "3.12",
                                          "/usr/local/lib/python3.12/site-packages/torch",
                                          209,
                                          101,
                                          false,
                                          false,
                                          false,
                                          true,
                                          "2.11"};

/// The profile named on the command line ("2.14", "2.11", "2.9"), or nullopt.
inline std::optional<TargetProfile> findTarget(std::string_view name) {
  if (name == "2.14") return kTarget2_14;
  if (name == "2.11") return kTarget2_11;
  if (name == "2.9") return kTarget2_9;
  return std::nullopt;
}

}  // namespace gbc
