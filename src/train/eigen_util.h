// Eigen views of the engine's row-major float arrays (no copies).
#ifndef MOTE_TRAIN_EIGEN_UTIL_H_
#define MOTE_TRAIN_EIGEN_UTIL_H_

#include <Eigen/Core>

namespace mote::train {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<RowMatrix>;
using ConstMatrixMap = Eigen::Map<const RowMatrix>;
using RowVectorMap = Eigen::Map<Eigen::RowVectorXf>;
using ConstRowVectorMap = Eigen::Map<const Eigen::RowVectorXf>;

}  // namespace mote::train

#endif  // MOTE_TRAIN_EIGEN_UTIL_H_
