// Times GraphLayout on one thread: synthetic graphs shaped like real networks (residual chains, branch-and-concat
// blocks, transformer blocks with shape sub-graphs) and, when they have been generated, the torchvision exports.
// For each graph prints nodes, edges, median time, the ratio to the time target, and the ratio to a plain
// reference layout (longest-path layers, no crossing reduction, packed layers) timed in the same process.

#include "graphlayout.h"
#include "graphscenemodel.h"
#include "model/onnxloader.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

/// Builds layout inputs block by block; every block takes the tensor-producing node and returns the new one.
class SyntheticNet {
public:
    explicit SyntheticNet(unsigned seed) : m_rng(seed) {}

    const qs::LayoutInput& input() const { return m_input; }
    int nodeCount() const { return static_cast<int>(m_input.nodeSizes.size()); }

    int node(std::initializer_list<int> producers) {
        std::uniform_real_distribution<double> width(70.0, 170.0);
        std::uniform_int_distribution<int> rows(0, 2);
        m_input.nodeSizes.push_back({width(m_rng), 36.0 + 13.0 * rows(m_rng)});
        const int id = nodeCount() - 1;
        for (int p : producers)
            m_input.edges.push_back({p, id});
        return id;
    }
    int chain(int x, int length) {
        for (int i = 0; i < length; ++i)
            x = node({x});
        return x;
    }
    int residualBlock(int x, bool downsample) {
        const int main = chain(x, 5);
        const int skip = downsample ? chain(x, 2) : x;
        return node({node({main, skip})});
    }
    int branchBlock(int x) {
        const int a = chain(x, 1);
        const int b = chain(x, 3);
        const int c = chain(x, 5);
        const int d = chain(node({x}), 2);
        return node({a, b, c, d});
    }
    int shapeOf(int x) {
        const int shape = node({x});
        const int gather = node({shape});
        return node({node({gather}), node({node({shape})})});
    }
    int layerNorm(int x) {
        const int mean = node({x});
        const int centred = node({x, mean});
        const int variance = chain(centred, 2);
        const int normed = node({centred, chain(variance, 2)});
        return chain(normed, 2);
    }
    int attention(int x) {
        const int shape = shapeOf(x);
        int heads[3] = {0, 0, 0};
        for (int& h : heads)
            h = node({node({node({x}), shape})});
        const int scores = node({node({heads[0], node({heads[1]})})});
        const int context = node({node({scores}), heads[2]});
        return chain(node({node({context}), shape}), 2);
    }
    int transformerBlock(int x) {
        const int attended = node({x, attention(layerNorm(x))});
        const int hidden = chain(layerNorm(attended), 2);
        const int gelu = node({hidden, chain(hidden, 3)});
        return node({attended, chain(gelu, 3)});
    }

private:
    std::mt19937 m_rng;
    qs::LayoutInput m_input;
};

qs::LayoutInput syntheticCnn(int targetNodes) {
    SyntheticNet net(7);
    int x = net.chain(net.node({}), 3);
    for (int block = 0; net.nodeCount() < targetNodes - 12; ++block)
        x = block % 5 == 4 ? net.branchBlock(x) : net.residualBlock(x, block % 4 == 0);
    while (net.nodeCount() < targetNodes)
        x = net.node({x});
    return net.input();
}

qs::LayoutInput syntheticTransformer(int targetNodes) {
    SyntheticNet net(11);
    int x = net.chain(net.node({}), 4);
    for (int block = 0; net.nodeCount() < targetNodes - 80; ++block)
        x = block % 6 == 5 ? net.residualBlock(x, true) : net.transformerBlock(x);
    while (net.nodeCount() < targetNodes)
        x = net.node({x});
    return net.input();
}

double secondsOf(const qs::LayoutOptions& options, const qs::LayoutInput& input, int runs, qs::LayoutResult* last) {
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        qs::LayoutResult result = qs::GraphLayout(options).run(input);
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        if (last)
            *last = std::move(result);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

/// Seconds allowed: 1 s up to 1,000 nodes, growing linearly to 5 s at 6,600 nodes.
double targetSeconds(size_t nodes) { return std::max(1.0, 5.0 * static_cast<double>(nodes) / 6600.0); }

void report(const std::string& name, const qs::LayoutInput& input) {
    const int runs = input.nodeSizes.size() > 3000 ? 3 : 5;
    qs::LayoutResult result;
    const double seconds = secondsOf(qs::LayoutOptions{}, input, runs, &result);
    qs::LayoutResult reference;
    const double referenceSeconds = secondsOf(qs::GraphLayout::referenceOptions(), input, runs, &reference);
    std::printf("%-34s nodes %6zu  edges %6zu  layers %4d  dummies %6d  time %8.4f s  target %.1f s  "
                "ratio-to-target %.3f  ratio-to-reference %.2f  crossings %lld (reference %lld)\n",
                name.c_str(), input.nodeSizes.size(), input.edges.size(), result.layerCount, result.dummyCount,
                seconds, targetSeconds(input.nodeSizes.size()), seconds / targetSeconds(input.nodeSizes.size()),
                referenceSeconds > 0.0 ? seconds / referenceSeconds : 0.0, static_cast<long long>(result.crossings),
                static_cast<long long>(reference.crossings));
    std::fflush(stdout);
}

/// Box sizes approximating the graph view's: ~7 px per character, rows of 13 px for weights.
std::vector<qs::LayoutSize> approximateBoxSizes(const qs::GraphSceneModel& model) {
    std::vector<qs::LayoutSize> sizes;
    for (const qs::GraphSceneNode& box : model.nodes()) {
        const size_t chars = std::max(box.title.size(), std::min<size_t>(box.subtitle.size(), 26));
        const double width = std::clamp(7.0 * static_cast<double>(chars) + 16.0, 64.0, 200.0);
        const double height = box.kind == qs::GraphSceneNode::Kind::Operator
                                  ? 36.0 + 13.0 * static_cast<double>(box.weightRows.size())
                                  : 22.0;
        sizes.push_back({width, height});
    }
    return sizes;
}

void reportRealModels() {
    const std::filesystem::path dir = std::filesystem::path(QS_GENERATED_DIR) / "torchvision";
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(dir))
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            if (entry.path().extension() == ".onnx")
                files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
        std::printf("(no torchvision exports under %s; run ctest -R fixtures.torchvision to make them)\n",
                    dir.string().c_str());
    for (const auto& file : files) {
        try {
            qs::LoadOptions options;
            options.runChecker = false;
            const qs::LoadResult loaded = qs::loadOnnxModel(file.string(), options);
            const qs::GraphSceneModel model = qs::GraphSceneModel::fromGraph(loaded.model.graph);
            report(file.stem().string(), model.layoutInput(approximateBoxSizes(model)));
        } catch (const std::exception& e) {
            std::printf("%-34s skipped: %s\n", file.stem().string().c_str(), e.what());
        }
    }
}

} // namespace

int main() {
    report("synthetic cnn 1000", syntheticCnn(1000));
    report("synthetic transformer 1000", syntheticTransformer(1000));
    report("synthetic cnn 6600", syntheticCnn(6600));
    report("synthetic transformer 6600", syntheticTransformer(6600));
    reportRealModels();
    return 0;
}
