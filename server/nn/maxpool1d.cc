#include "nn/maxpool1d.h"

#include <algorithm>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

MaxPool1D::MaxPool1D(const LayerSpec& spec) : Layer(spec) {
  length_out_ = (spec_.length + 2 * spec_.padding - spec_.kernel) / spec_.stride + 1;
}

void MaxPool1D::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  const Index c = spec_.channels_in, len = spec_.length;
  const Index rows_out = c * length_out_;
  out.resize(rows_out, in.cols());
  argmax_.resize(static_cast<size_t>(rows_out * in.cols()));
  for (Index j = 0; j < in.cols(); ++j) {
    const Scalar* x = in.col(j).data();
    Scalar* y = out.col(j).data();
    int32_t* a = argmax_.data() + j * rows_out;
    for (Index o = 0; o < length_out_; ++o) {
      // padding <= kernel/2, so every window holds at least one real element.
      const Index t0 = std::max<Index>(0, o * spec_.stride - spec_.padding);
      const Index t1 = std::min<Index>(len, o * spec_.stride - spec_.padding + spec_.kernel);
      Scalar* yo = y + o * c;
      int32_t* ao = a + o * c;
      for (Index ch = 0; ch < c; ++ch) {
        yo[ch] = x[t0 * c + ch];
        ao[ch] = static_cast<int32_t>(t0 * c + ch);
      }
      for (Index t = t0 + 1; t < t1; ++t) {
        const Scalar* xt = x + t * c;
        for (Index ch = 0; ch < c; ++ch) {
          if (xt[ch] > yo[ch]) {
            yo[ch] = xt[ch];
            ao[ch] = static_cast<int32_t>(t * c + ch);
          }
        }
      }
    }
  }
}

void MaxPool1D::Backward(const ConstRef& in, const ConstRef&, const ConstRef& dOut,
                         Matrix& dIn) {
  const Index rows_out = spec_.channels_in * length_out_;
  LS_NN_CHECK(dOut.rows() == rows_out && dOut.cols() == in.cols());
  LS_NN_CHECK(argmax_.size() == static_cast<size_t>(rows_out * in.cols()));
  dIn.setZero(in.rows(), in.cols());
  for (Index j = 0; j < in.cols(); ++j) {
    const int32_t* a = argmax_.data() + j * rows_out;
    const Scalar* dy = dOut.col(j).data();
    Scalar* dx = dIn.col(j).data();
    for (Index r = 0; r < rows_out; ++r) dx[a[r]] += dy[r];
  }
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
