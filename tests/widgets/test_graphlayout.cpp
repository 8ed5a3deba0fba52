// GraphLayout invariants on random and hand-made graphs: edges run downward, layers do not overlap, positions are
// finite and deterministic, cycles and self-loops are survived, chains stay straight.

#include "graphlayout.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace {

/// Random DAG: every node draws 1-3 producers among the previous 40 nodes (so edges often span many layers).
qs::LayoutInput randomDag(int nodeCount, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> width(30.0, 160.0);
    std::uniform_real_distribution<double> height(20.0, 60.0);
    qs::LayoutInput input;
    for (int v = 0; v < nodeCount; ++v) {
        input.nodeSizes.push_back({width(rng), height(rng)});
        if (v == 0)
            continue;
        const int producers = std::uniform_int_distribution<int>(1, 3)(rng);
        for (int p = 0; p < producers; ++p) {
            const int low = std::max(0, v - 40);
            input.edges.push_back({std::uniform_int_distribution<int>(low, v - 1)(rng), v});
        }
    }
    return input;
}

void requireLayersDoNotOverlap(const qs::LayoutInput& input, const qs::LayoutResult& result, double spacing) {
    std::map<int, std::vector<int>> layers;
    for (size_t v = 0; v < input.nodeSizes.size(); ++v)
        layers[result.nodeLayers[v]].push_back(static_cast<int>(v));
    for (auto& [layer, nodes] : layers) {
        std::sort(nodes.begin(), nodes.end(),
                  [&](int a, int b) { return result.nodeCenters[a].x < result.nodeCenters[b].x; });
        for (size_t i = 1; i < nodes.size(); ++i) {
            const int a = nodes[i - 1];
            const int b = nodes[i];
            const double gap = result.nodeCenters[b].x - result.nodeCenters[a].x -
                               0.5 * (input.nodeSizes[a].width + input.nodeSizes[b].width);
            INFO("layer " << layer << " nodes " << a << " and " << b);
            REQUIRE(gap >= spacing - 1e-6);
            REQUIRE(result.nodeCenters[a].y == Approx(result.nodeCenters[b].y));
        }
    }
}

} // namespace

TEST_CASE("GraphLayout sends every edge of a DAG downward", "[graphlayout]") {
    const qs::LayoutInput input = randomDag(400, 1);
    const qs::LayoutResult result = qs::GraphLayout().run(input);
    REQUIRE(result.reversedEdgeCount == 0);
    REQUIRE(result.edgePaths.size() == input.edges.size());
    for (size_t e = 0; e < input.edges.size(); ++e) {
        const auto& path = result.edgePaths[e];
        const qs::LayoutEdge& edge = input.edges[e];
        INFO("edge " << edge.source << " -> " << edge.target);
        REQUIRE(result.nodeLayers[edge.source] < result.nodeLayers[edge.target]);
        REQUIRE(path.size() == static_cast<size_t>(result.nodeLayers[edge.target] - result.nodeLayers[edge.source] + 1));
        for (size_t i = 1; i < path.size(); ++i)
            REQUIRE(path[i].y > path[i - 1].y);
        const auto& s = result.nodeCenters[edge.source];
        const auto& t = result.nodeCenters[edge.target];
        REQUIRE(path.front().y == Approx(s.y + 0.5 * input.nodeSizes[edge.source].height));
        REQUIRE(path.back().y == Approx(t.y - 0.5 * input.nodeSizes[edge.target].height));
        REQUIRE(std::abs(path.front().x - s.x) <= 0.5 * input.nodeSizes[edge.source].width);
        REQUIRE(std::abs(path.back().x - t.x) <= 0.5 * input.nodeSizes[edge.target].width);
    }
}

TEST_CASE("GraphLayout keeps nodes of one layer apart and inside the bounding box", "[graphlayout]") {
    const qs::LayoutInput input = randomDag(600, 2);
    const qs::LayoutOptions options;
    const qs::LayoutResult result = qs::GraphLayout(options).run(input);
    requireLayersDoNotOverlap(input, result, options.nodeSpacing);
    for (size_t v = 0; v < input.nodeSizes.size(); ++v) {
        const auto& c = result.nodeCenters[v];
        REQUIRE(std::isfinite(c.x));
        REQUIRE(std::isfinite(c.y));
        REQUIRE(c.x - 0.5 * input.nodeSizes[v].width >= -1e-6);
        REQUIRE(c.x + 0.5 * input.nodeSizes[v].width <= result.width + 1e-6);
        REQUIRE(c.y - 0.5 * input.nodeSizes[v].height >= -1e-6);
        REQUIRE(c.y + 0.5 * input.nodeSizes[v].height <= result.height + 1e-6);
    }
}

TEST_CASE("GraphLayout reference layout also keeps layers apart", "[graphlayout]") {
    const qs::LayoutInput input = randomDag(300, 3);
    const qs::LayoutOptions options = qs::GraphLayout::referenceOptions();
    requireLayersDoNotOverlap(input, qs::GraphLayout(options).run(input), options.nodeSpacing);
}

TEST_CASE("GraphLayout is deterministic", "[graphlayout]") {
    const qs::LayoutInput input = randomDag(300, 4);
    const qs::LayoutResult a = qs::GraphLayout().run(input);
    const qs::LayoutResult b = qs::GraphLayout().run(input);
    REQUIRE(a.crossings == b.crossings);
    for (size_t v = 0; v < input.nodeSizes.size(); ++v) {
        REQUIRE(a.nodeCenters[v].x == b.nodeCenters[v].x);
        REQUIRE(a.nodeCenters[v].y == b.nodeCenters[v].y);
    }
    for (size_t e = 0; e < input.edges.size(); ++e) {
        REQUIRE(a.edgePaths[e].size() == b.edgePaths[e].size());
        for (size_t i = 0; i < a.edgePaths[e].size(); ++i)
            REQUIRE(a.edgePaths[e][i].x == b.edgePaths[e][i].x);
    }
}

TEST_CASE("GraphLayout crossing reduction beats the initial order", "[graphlayout]") {
    const qs::LayoutInput input = randomDag(500, 5);
    const qs::LayoutResult reduced = qs::GraphLayout().run(input);
    qs::LayoutOptions unreduced;
    unreduced.reduceCrossings = false;
    const qs::LayoutResult initial = qs::GraphLayout(unreduced).run(input);
    REQUIRE(initial.crossings > 0);
    REQUIRE(reduced.crossings < initial.crossings);
}

TEST_CASE("GraphLayout keeps a chain straight", "[graphlayout]") {
    qs::LayoutInput input;
    for (int v = 0; v < 12; ++v) {
        input.nodeSizes.push_back({40.0 + 10.0 * (v % 4), 30.0});
        if (v > 0)
            input.edges.push_back({v - 1, v});
    }
    const qs::LayoutResult result = qs::GraphLayout().run(input);
    REQUIRE(result.layerCount == 12);
    for (int v = 1; v < 12; ++v)
        REQUIRE(result.nodeCenters[v].x == Approx(result.nodeCenters[0].x));
}

TEST_CASE("GraphLayout breaks cycles and ignores self-loops and bad edges", "[graphlayout]") {
    qs::LayoutInput input;
    input.nodeSizes.assign(4, {50.0, 20.0});
    input.edges = {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 3}, {1, 7}, {-1, 2}, {0, 1}};
    const qs::LayoutResult result = qs::GraphLayout().run(input);
    REQUIRE(result.reversedEdgeCount == 1);
    REQUIRE(result.nodeCenters.size() == 4);
    for (const auto& c : result.nodeCenters)
        REQUIRE((std::isfinite(c.x) && std::isfinite(c.y)));
    REQUIRE(result.edgePaths[2].size() >= 2);
    REQUIRE(result.edgePaths[2].front().y > result.edgePaths[2].back().y);  // drawn upward, from 2 to 0
    REQUIRE(result.edgePaths[4].empty());
    REQUIRE(result.edgePaths[5].empty());
    REQUIRE(result.edgePaths[6].empty());
    REQUIRE(result.edgePaths[7].size() == result.edgePaths[0].size());
}

TEST_CASE("GraphLayout handles empty input, isolated nodes and cancellation", "[graphlayout]") {
    const qs::LayoutResult empty = qs::GraphLayout().run({});
    REQUIRE(empty.nodeCenters.empty());
    REQUIRE(empty.width == 0.0);

    qs::LayoutInput isolated;
    isolated.nodeSizes = {{10.0, 10.0}, {std::nan(""), -5.0}, {30.0, 10.0}};
    const qs::LayoutResult spread = qs::GraphLayout().run(isolated);
    REQUIRE(spread.layerCount == 1);
    REQUIRE(std::isfinite(spread.nodeCenters[1].x));

    std::atomic<bool> cancel{true};
    qs::LayoutOptions options;
    options.cancel = &cancel;
    REQUIRE(qs::GraphLayout(options).run(randomDag(50, 6)).cancelled);
}
