// The numpy model of numpy_model.cpp.
#pragma once

#include "interp/vm.h"

namespace gbc::interp {

/// The numpy module (np.ndarray, np.sum, np.mean, np.square, np.arange, dtypes).
void installNumpy(VM& vm);
bool isNdarray(const Value& v);
/// The tensor holding an ndarray's data (shared: Tensor.numpy() and torch.from_numpy alias).
Value ndarrayTensor(const Value& v);
Value makeNdarray(const Value& tensor);

}  // namespace gbc::interp
