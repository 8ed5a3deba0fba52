#include "model/shapeinference.h"

#include "model/collapsewhitespace.h"

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>
#include <sstream>

#if defined(__unix__) || defined(__APPLE__)
#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#define QS_ISOLATE_SHAPE_INFERENCE 1
#endif

namespace qs {

namespace {

const int kTimeoutSeconds = 600;
const int kPollMilliseconds = 100;

/// Runs inference in this process; returns libonnx's error text (empty when it had nothing to say).
std::string inferInProcess(onnx::ModelProto& model) {
    try {
        const onnx::ShapeInferenceOptions options{false, 1, true};
        onnx::shape_inference::InferShapes(model, onnx::OpSchemaRegistry::Instance(), options);
    } catch (const std::exception& error) {
        return error.what();
    }
    return {};
}

void addWarnings(const std::string& errorText, std::vector<std::string>& warnings) {
    std::istringstream lines(errorText);
    std::string line;
    const std::string header = "Shape inference error(s):";
    while (std::getline(lines, line)) {
        line = collapseWhitespace(line);
        const size_t headerAt = line.find(header);
        if (headerAt != std::string::npos)
            line = collapseWhitespace(line.substr(headerAt + header.size()));
        if (!line.empty())
            warnings.push_back("shape inference: " + line);
    }
}

/// Symbolic dimension names the file itself uses; inference invents others ("unk__3") for unknown dimensions.
std::set<std::string> declaredSymbols(const onnx::GraphProto& graph) {
    std::set<std::string> symbols;
    const auto collect = [&symbols](const onnx::ValueInfoProto& value) {
        for (const onnx::TensorShapeProto::Dimension& dim : value.type().tensor_type().shape().dim())
            if (dim.has_dim_param())
                symbols.insert(dim.dim_param());
    };
    std::for_each(graph.input().begin(), graph.input().end(), collect);
    std::for_each(graph.output().begin(), graph.output().end(), collect);
    std::for_each(graph.value_info().begin(), graph.value_info().end(), collect);
    return symbols;
}

/// Turns dimension names that inference invented back into unknown dimensions.
void forgetInventedSymbols(onnx::ValueInfoProto& value, const std::set<std::string>& declared) {
    if (!value.type().has_tensor_type() || !value.type().tensor_type().has_shape())
        return;
    onnx::TensorShapeProto& shape = *value.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (onnx::TensorShapeProto::Dimension& dim : *shape.mutable_dim())
        if (dim.has_dim_param() && !declared.count(dim.dim_param()))
            dim.clear_dim_param();
}

/// A declared graph output keeps what the file says; inference only fills in what the file left open.
void completeDeclaredOutput(onnx::ValueInfoProto& declared, const onnx::ValueInfoProto& inferred) {
    if (!inferred.type().has_tensor_type())
        return;
    const onnx::TypeProto::Tensor& inferredType = inferred.type().tensor_type();
    if (!declared.has_type() || !declared.type().has_tensor_type()) {
        *declared.mutable_type() = inferred.type();
        return;
    }
    onnx::TypeProto::Tensor& declaredType = *declared.mutable_type()->mutable_tensor_type();
    if (declaredType.elem_type() == 0)
        declaredType.set_elem_type(inferredType.elem_type());
    if (!declaredType.has_shape()) {
        if (inferredType.has_shape())
            *declaredType.mutable_shape() = inferredType.shape();
        return;
    }
    if (!inferredType.has_shape() || inferredType.shape().dim_size() != declaredType.shape().dim_size())
        return;
    for (int i = 0; i < declaredType.shape().dim_size(); ++i) {
        onnx::TensorShapeProto::Dimension& dim = *declaredType.mutable_shape()->mutable_dim(i);
        const onnx::TensorShapeProto::Dimension& found = inferredType.shape().dim(i);
        if (!dim.has_dim_value() && !dim.has_dim_param() && found.has_dim_value())
            dim.set_dim_value(found.dim_value());
    }
}

/// Stores inferred value infos in `graph` and completes its declared outputs from the inferred ones.
void applyResults(onnx::GraphProto& graph, onnx::GraphProto& results, const std::set<std::string>& declared) {
    for (onnx::ValueInfoProto& value : *results.mutable_value_info())
        forgetInventedSymbols(value, declared);
    for (onnx::ValueInfoProto& value : *results.mutable_output())
        forgetInventedSymbols(value, declared);
    *graph.mutable_value_info() = results.value_info();
    if (results.output_size() == graph.output_size())
        for (int i = 0; i < graph.output_size(); ++i)
            completeDeclaredOutput(*graph.mutable_output(i), results.output(i));
}

/// Infers in this process, leaving `model` untouched apart from the applied results.
void inferAndApplyInProcess(onnx::ModelProto& model, std::vector<std::string>& warnings) {
    const std::set<std::string> declared = declaredSymbols(model.graph());
    const google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> declaredOutputs = model.graph().output();
    addWarnings(inferInProcess(model), warnings);
    onnx::GraphProto results;
    *results.mutable_value_info() = model.graph().value_info();
    *results.mutable_output() = model.graph().output();
    *model.mutable_graph()->mutable_output() = declaredOutputs;
    applyResults(*model.mutable_graph(), results, declared);
}

#ifdef QS_ISOLATE_SHAPE_INFERENCE

bool writeAll(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= size_t(written);
    }
    return true;
}

/// In the child: infer, then send "<error length as 8 hex digits><error text><GraphProto with the results>".
[[noreturn]] void runChild(onnx::ModelProto& model, int fd) {
    const std::string errorText = inferInProcess(model);
    onnx::GraphProto results;
    *results.mutable_value_info() = model.graph().value_info();
    *results.mutable_output() = model.graph().output();
    std::string payload;
    results.SerializeToString(&payload);
    char header[9] = {};
    std::snprintf(header, sizeof header, "%08zx", errorText.size());
    const bool sent = writeAll(fd, header, 8) && writeAll(fd, errorText.data(), errorText.size()) &&
                      writeAll(fd, payload.data(), payload.size());
    ::_exit(sent ? 0 : 1);
}

void stopChild(pid_t child) {
    ::kill(child, SIGKILL);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
}

/// In the parent: collects the child's output until it closes the pipe. Returns false on time-out.
bool readFromChild(int fd, pid_t child, const ProgressCallback& progress, double fraction, std::string& received) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
    char buffer[1 << 16];
    for (;;) {
        pollfd waiting{fd, POLLIN, 0};
        const int ready = ::poll(&waiting, 1, kPollMilliseconds);
        if (ready < 0 && errno != EINTR)
            return true;
        if (ready > 0) {
            const ssize_t count = ::read(fd, buffer, sizeof buffer);
            if (count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN))
                return true;
            if (count > 0)
                received.append(buffer, size_t(count));
            continue;
        }
        if (progress && !progress(fraction, "inferring shapes")) {
            ::close(fd);
            stopChild(child);
            throw Cancelled();
        }
        if (std::chrono::steady_clock::now() > deadline)
            return false;
    }
}

void mergeResults(onnx::ModelProto& model, const std::string& payload) {
    onnx::GraphProto results;
    if (results.ParseFromString(payload))
        applyResults(*model.mutable_graph(), results, declaredSymbols(model.graph()));
}

#endif

} // namespace

void inferShapes(onnx::ModelProto& model, std::vector<std::string>& warnings, const ProgressCallback& progress,
                 double fraction) {
#ifdef QS_ISOLATE_SHAPE_INFERENCE
    onnx::OpSchemaRegistry::Instance();  // initialise the schema tables before forking
    int fds[2] = {-1, -1};
    if (::pipe(fds) != 0) {
        inferAndApplyInProcess(model, warnings);
        return;
    }
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        inferAndApplyInProcess(model, warnings);
        return;
    }
    if (child == 0) {
        ::close(fds[0]);
        runChild(model, fds[1]);
    }
    ::close(fds[1]);
    std::string received;
    const bool finished = readFromChild(fds[0], child, progress, fraction, received);
    ::close(fds[0]);
    if (!finished) {
        stopChild(child);
        warnings.push_back("shape inference: gave up after " + std::to_string(kTimeoutSeconds) +
                           " s; tensor shapes are not available");
        return;
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || received.size() < 8) {
        warnings.push_back(WIFSIGNALED(status)
                               ? "shape inference: crashed on this model (signal " +
                                     std::to_string(WTERMSIG(status)) +
                                     "); the file is probably malformed and tensor shapes are not available"
                               : "shape inference: failed; tensor shapes are not available");
        return;
    }
    const size_t errorBytes = std::strtoul(received.substr(0, 8).c_str(), nullptr, 16);
    if (8 + errorBytes > received.size())
        return;
    addWarnings(received.substr(8, errorBytes), warnings);
    mergeResults(model, received.substr(8 + errorBytes));
#else
    reportProgress(progress, fraction, "inferring shapes");
    inferAndApplyInProcess(model, warnings);
#endif
}

} // namespace qs
