#pragma once
// Builds small graphs of the IR directly in C++ (no ONNX file) and runs them with the executor, for kernel unit
// tests:
//     RuntimeGraph g;
//     g.input("x", RuntimeTensor::fromFloats({2}, {1, -1}));
//     g.node("Relu", {"x"}, {"y"});
//     g.output("y");
//     TensorMap out = g.run();

#include "model/graph.h"
#include "runtime/executor.h"
#include "runtime/runtimetensor.h"

#include <string>
#include <vector>

namespace qs::test {

class RuntimeGraph {
public:
    explicit RuntimeGraph(int64_t opset = 13);

    /// A graph input fed with `value` when running.
    void input(const std::string& name, const RuntimeTensor& value);
    /// An initializer.
    void constant(const std::string& name, const RuntimeTensor& value);
    /// Adds a node (named "<opType>_<index>") and returns it so attributes can be added.
    Node& node(const std::string& opType, const std::vector<std::string>& inputs,
               const std::vector<std::string>& outputs);
    void output(const std::string& name);

    TensorMap run(const ExecutorOptions& options = {}, const RunOptions& runOptions = {}) const;
    /// Runs and returns the single output named `name`.
    RuntimeTensor runOne(const std::string& name) const;

    Model model;
    TensorMap feeds;
};

Attribute intAttr(const std::string& name, int64_t value);
Attribute floatAttr(const std::string& name, float value);
Attribute stringAttr(const std::string& name, const std::string& value);
Attribute intsAttr(const std::string& name, const std::vector<int64_t>& values);

/// The float32 values of `tensor` (requires a float32 tensor).
std::vector<float> floatsOf(const RuntimeTensor& tensor);

} // namespace qs::test
