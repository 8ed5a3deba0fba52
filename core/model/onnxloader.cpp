#include "model/onnxloader.h"

#include "model/collapsewhitespace.h"
#include "model/constantfolding.h"
#include "model/graphconversion.h"
#include "model/identityremoval.h"
#include "model/shapeinference.h"
#include "model/toposort.h"

#include <algorithm>
#include <onnx/checker.h>

#include <map>
#include <onnx/onnx_pb.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace qs {

namespace fs = std::filesystem;

namespace {

const int64_t kMinIrVersion = 3;
const int64_t kCheckerIrVersion = onnx::Version::IR_VERSION;
/// Newest IR version published by ONNX that the reader accepts. Versions newer than the checker knows load
/// with a warning: the file format is backward compatible and the graph IR holds what they add (4-bit types,
/// ...).
const int64_t kMaxIrVersion = 11;
const double kParseEnd = 0.35;
const double kCheckEnd = 0.45;
const double kInferEnd = 0.6;
const double kConvertEnd = 0.9;

/// Wraps a stream to report how many of `totalBytes` were read; stops the stream (end of data) on cancel.
class ProgressInputStream : public google::protobuf::io::ZeroCopyInputStream {
public:
    ProgressInputStream(google::protobuf::io::ZeroCopyInputStream& source, int64_t totalBytes,
                        const ProgressCallback& progress)
        : source_(source), totalBytes_(totalBytes), progress_(progress) {}

    bool Next(const void** data, int* size) override {
        if (cancelled_)
            return false;
        if (progress_ && totalBytes_ > 0 && source_.ByteCount() >= nextReportBytes_) {
            nextReportBytes_ = source_.ByteCount() + std::max<int64_t>(totalBytes_ / 50, 1 << 20);
            const double fraction = kParseEnd * double(source_.ByteCount()) / double(totalBytes_);
            cancelled_ = !progress_(fraction, "parsing");
            if (cancelled_)
                return false;
        }
        return source_.Next(data, size);
    }
    void BackUp(int count) override { source_.BackUp(count); }
    bool Skip(int count) override { return !cancelled_ && source_.Skip(count); }
    int64_t ByteCount() const override { return source_.ByteCount(); }
    bool cancelled() const { return cancelled_; }

private:
    google::protobuf::io::ZeroCopyInputStream& source_;
    int64_t totalBytes_ = 0;
    const ProgressCallback& progress_;
    int64_t nextReportBytes_ = 0;
    bool cancelled_ = false;
};

void parseModel(google::protobuf::io::ZeroCopyInputStream& input, int64_t totalBytes,
                const ProgressCallback& progress, onnx::ModelProto& model) {
    ProgressInputStream counted(input, totalBytes, progress);
    google::protobuf::io::CodedInputStream coded(&counted);
    coded.SetTotalBytesLimit(INT_MAX);
    const bool parsed = model.ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
    if (counted.cancelled())
        throw Cancelled();
    if (!parsed)
        throw Error("not an ONNX model (protobuf parse failed at byte ~" +
                    std::to_string(coded.CurrentPosition()) + " of " + std::to_string(totalBytes) +
                    "; the file may be truncated or corrupt)");
}

void checkModelHeader(const onnx::ModelProto& model) {
    if (model.ir_version() == 0)
        throw Error(model.has_graph() ? "not an ONNX model (no IR version stored)"
                                      : "not an ONNX model (no graph and no IR version)");
    if (!model.has_graph())
        throw Error("not an ONNX model (no graph stored)");
    if (model.ir_version() < kMinIrVersion || model.ir_version() > kMaxIrVersion)
        throw Error("unsupported ONNX IR version " + std::to_string(model.ir_version()) + " (supported: " +
                    std::to_string(kMinIrVersion) + " to " + std::to_string(kMaxIrVersion) + ")");
}

/// Runs `check` and turns a complaint into one warning line starting with `subject`.
template <typename Check>
void checkPart(const std::string& subject, std::vector<std::string>& warnings, Check check) {
    try {
        check();
    } catch (const std::exception& error) {
        warnings.push_back("checker: " + subject + ": " + collapseWhitespace(error.what()));
    }
}

/// The checker's graph rules, applied part by part so that one complaint does not hide the others.
void checkGraphParts(const onnx::GraphProto& graph, const onnx::checker::CheckerContext& context,
                     onnx::checker::LexicalScopeContext& scope, std::vector<std::string>& warnings) {
    for (const onnx::ValueInfoProto& input : graph.input()) {
        checkPart("graph input '" + input.name() + "'", warnings,
                  [&] { onnx::checker::check_value_info(input, context); });
        scope.add(input.name());
    }
    for (const onnx::TensorProto& initializer : graph.initializer()) {
        checkPart("initializer '" + initializer.name() + "'", warnings,
                  [&] { onnx::checker::check_tensor(initializer, context); });
        scope.add(initializer.name());
    }
    for (const onnx::SparseTensorProto& initializer : graph.sparse_initializer()) {
        checkPart("sparse initializer '" + initializer.values().name() + "'", warnings,
                  [&] { onnx::checker::check_sparse_tensor(initializer, context); });
        scope.add(initializer.values().name());
    }
    for (int i = 0; i < graph.node_size(); ++i) {
        const onnx::NodeProto& node = graph.node(i);
        const std::string name = node.name().empty() ? node.op_type() + "_" + std::to_string(i) : node.name();
        checkPart("node '" + name + "' (" + node.op_type() + ")", warnings,
                  [&] { onnx::checker::check_node(node, context, scope); });
        for (const std::string& output : node.output())
            scope.add(output);
    }
    for (const onnx::ValueInfoProto& output : graph.output())
        checkPart("graph output '" + output.name() + "'", warnings,
                  [&] { onnx::checker::check_value_info(output, context); });
}

void runChecker(const onnx::ModelProto& model, const std::string& baseDirectory,
                std::vector<std::string>& warnings) {
    onnx::checker::CheckerContext context;
    context.set_ir_version(int(std::min<int64_t>(model.ir_version(), kCheckerIrVersion)));
    std::unordered_map<std::string, int> opsets;
    for (const onnx::OperatorSetIdProto& opset : model.opset_import())
        opsets[opset.domain()] = int(opset.version());
    context.set_opset_imports(opsets);
    context.set_model_dir(baseDirectory);
    onnx::checker::LexicalScopeContext scope;
    checkGraphParts(model.graph(), context, scope, warnings);
    if (model.ir_version() >= 8)
        checkPart("model functions", warnings,
                  [&] { onnx::checker::check_model_local_functions(model, context, scope); });
}

ModelInfo modelInfoFromProto(const onnx::ModelProto& model) {
    ModelInfo info;
    info.irVersion = model.ir_version();
    for (const onnx::OperatorSetIdProto& opset : model.opset_import())
        info.opsetImports[opset.domain()] = opset.version();
    info.producerName = model.producer_name();
    info.producerVersion = model.producer_version();
    info.domain = model.domain();
    info.modelVersion = model.model_version();
    info.docString = model.doc_string();
    for (const onnx::StringStringEntryProto& entry : model.metadata_props())
        info.metadata.emplace_back(entry.key(), entry.value());
    info.storedNodeCount = model.graph().node_size();
    info.storedInitializerCount = model.graph().initializer_size() + model.graph().sparse_initializer_size();
    return info;
}

/// Every value has one producer: graph inputs are distinct, and no node output repeats an input, an
/// initializer or another node's output (such a graph has no single meaning, and its quantized export would
/// fail the checker).
void checkSingleProducers(const Graph& graph) {
    std::map<std::string, std::string> producers;
    for (const ValueInfo& input : graph.inputs)
        if (!producers.emplace(input.name, "graph input").second)
            throw Error("graph input '" + input.name + "' is declared twice");
    for (const auto& [name, tensor] : graph.initializers)
        producers.emplace(name, "initializer");
    for (const Node& node : graph.nodes)
        for (const std::string& output : node.outputs) {
            if (output.empty())
                continue;
            const auto [it, inserted] = producers.emplace(output, "node '" + node.name + "'");
            if (!inserted)
                throw Error("tensor '" + output + "' is produced by node '" + node.name + "' and also by " +
                            it->second + "; every value needs exactly one producer");
        }
}

LoadResult buildModel(onnx::ModelProto& proto, const std::string& baseDirectory, const LoadOptions& options,
                      const ProgressCallback& progress) {
    checkModelHeader(proto);
    LoadResult result;
    if (proto.ir_version() > kCheckerIrVersion)
        result.warnings.push_back("IR version " + std::to_string(proto.ir_version()) +
                                  " is newer than the checker in this build knows (" +
                                  std::to_string(kCheckerIrVersion) + "); it was checked as version " +
                                  std::to_string(kCheckerIrVersion));
    result.model.info = modelInfoFromProto(proto);
    if (proto.opset_import_size() == 0)
        result.warnings.push_back("the model imports no operator set");
    if (options.runChecker) {
        reportProgress(progress, kParseEnd, "checking");
        runChecker(proto, baseDirectory, result.warnings);
    }
    if (options.inferShapes) {
        reportProgress(progress, kCheckEnd, "inferring shapes");
        inferShapes(proto, result.warnings, progress, kCheckEnd);
    }
    reportProgress(progress, kInferEnd, "converting graph");
    result.model.graph =
        graphFromProto(*proto.mutable_graph(), {baseDirectory, progress, kInferEnd, kConvertEnd});
    checkSingleProducers(result.model.graph);
    reportProgress(progress, kConvertEnd, "sorting");
    sortTopologically(result.model.graph);
    if (options.normalizeWeights) {
        result.model.info.constantNodesFolded = foldConstantNodes(result.model.graph);
        result.model.info.identitiesRemoved = removeInitializerIdentities(result.model.graph);
    }
    reportProgress(progress, 1.0, "loaded");
    return result;
}

/// Runs `load`, turning every failure except cancellation into one Error line that starts with `displayName`.
template <typename Load> LoadResult withFileName(const std::string& displayName, Load load) {
    try {
        return load();
    } catch (const Cancelled&) {
        throw;
    } catch (const Error& error) {
        throw Error(displayName + ": " + collapseWhitespace(error.what()));
    } catch (const std::bad_alloc&) {
        throw Error(displayName + ": out of memory while loading the model");
    } catch (const std::exception& error) {
        throw Error(displayName + ": " + collapseWhitespace(error.what()));
    }
}

int64_t checkedFileSize(const std::string& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (path.empty())
        throw Error("no file name given");
    if (!fs::exists(status))
        throw Error("file not found");
    if (fs::is_directory(status))
        throw Error("is a directory, not an ONNX model file");
    if (!fs::is_regular_file(status))
        throw Error("not a regular file");
    const auto sizeBytes = static_cast<int64_t>(fs::file_size(path, error));
    if (error)
        throw Error("cannot read the file size: " + error.message());
    if (sizeBytes == 0)
        throw Error("the file is empty (0 bytes); not an ONNX model");
    if (sizeBytes > INT_MAX)
        throw Error(
            "the file is larger than protobuf's 2 GB limit; models this large must store their weights as "
            "external data");
    return sizeBytes;
}

/// Closes a file descriptor on scope exit.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

LoadResult loadOnnxModel(const std::string& path, const LoadOptions& options,
                         const ProgressCallback& progress) {
    const std::string displayName = path.empty() ? std::string("(no file)") : path;
    return withFileName(displayName, [&] {
        const int64_t sizeBytes = checkedFileSize(path);
        reportProgress(progress, 0.0, "reading");
        onnx::ModelProto proto;
        {
            FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
            if (file.fd < 0)
                throw Error(std::string("cannot open the file: ") + std::strerror(errno));
            google::protobuf::io::FileInputStream stream(file.fd, 1 << 20);
            parseModel(stream, sizeBytes, progress, proto);
        }
        const std::string baseDirectory = fs::absolute(fs::path(path)).parent_path().string();
        LoadResult result = buildModel(proto, baseDirectory, options, progress);
        result.model.info.path = path;
        return result;
    });
}

LoadResult loadOnnxModelFromBytes(const std::string& bytes, const std::string& displayName,
                                  const std::string& baseDirectory, const LoadOptions& options,
                                  const ProgressCallback& progress) {
    const std::string name = displayName.empty() ? std::string("(model in memory)") : displayName;
    return withFileName(name, [&] {
        if (bytes.empty())
            throw Error("no data (0 bytes); not an ONNX model");
        if (bytes.size() > size_t(INT_MAX))
            throw Error("the model is larger than protobuf's 2 GB limit");
        reportProgress(progress, 0.0, "reading");
        onnx::ModelProto proto;
        google::protobuf::io::ArrayInputStream stream(bytes.data(), int(bytes.size()), 1 << 20);
        parseModel(stream, int64_t(bytes.size()), progress, proto);
        return buildModel(proto, baseDirectory, options, progress);
    });
}

} // namespace qs
