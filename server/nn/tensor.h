#pragma once
/// Tensor types of the neural-network engine.
///
/// Layout: a batch is a column-major matrix with ONE COLUMN PER SAMPLE. A
/// sample with a 2-D shape (channels × length for Conv1D/MaxPool1D, features ×
/// steps for GRU/RNN) is stored in its column as a column-major
/// (channels × length) block, i.e. element (c, t) at row t*channels + c.
/// This keeps every sample contiguous and turns layers into large GEMMs.
///
/// Precision: the engine is compiled in float (library ls::nn). The gradient
/// checks compile the same sources with LS_NN_DOUBLE (library ls_nn_f64); the
/// inline namespace keeps the two builds' symbols apart.

#include <cstdio>
#include <cstdlib>

#include <Eigen/Core>

#ifdef LS_NN_DOUBLE
#define LS_NN_PRECISION_NS f64
#else
#define LS_NN_PRECISION_NS f32
#endif

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

#ifdef LS_NN_DOUBLE
using Scalar = double;
#else
using Scalar = float;
#endif
using Index = Eigen::Index;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<Vector>;
/// Read-only view of a column-major matrix (a Matrix, a Map or a block of
/// columns) without copying.
using ConstRef = Eigen::Ref<const Matrix>;

/// Per-sample shape: rows × cols block stored in one batch column.
struct Shape {
  Index rows = 0;
  Index cols = 1;
  Index size() const { return rows * cols; }
  bool operator==(const Shape& o) const { return rows == o.rows && cols == o.cols; }
  bool operator!=(const Shape& o) const { return !(*this == o); }
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn

/// Always-on cheap invariant check (shapes after ops, as ggml's GGML_ASSERT):
/// a violated one is a programming error, so it aborts with the location.
#define LS_NN_CHECK(cond)                                                   \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "%s:%d: nn check failed: %s\n", __FILE__,        \
                   __LINE__, #cond);                                        \
      std::abort();                                                         \
    }                                                                       \
  } while (0)

/// Checks that a batch matrix holds `shape` per column.
#define LS_NN_CHECK_BATCH(m, shape) LS_NN_CHECK((m).rows() == (shape).size())
