#include "graphlayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace qs {
namespace {

bool isCancelled(const LayoutOptions& options) {
    return options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed);
}

uint64_t orderedKey(int a, int b) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

uint64_t unorderedKey(int a, int b) { return a < b ? orderedKey(a, b) : orderedKey(b, a); }

/// Input edges made acyclic and unique. Each input edge maps to one unique edge (or -1 when skipped).
struct OrientedEdges {
    std::vector<LayoutEdge> unique;
    std::vector<int> uniqueOfInput;
    std::vector<char> reversedInput;
    int reversedCount = 0;
};

/// Edges closing a cycle in a depth-first search started from nodes in index order.
std::vector<char> findBackEdges(int nodeCount, const std::vector<LayoutEdge>& edges) {
    std::vector<std::vector<int>> outEdges(nodeCount);
    for (size_t e = 0; e < edges.size(); ++e)
        outEdges[edges[e].source].push_back(static_cast<int>(e));
    std::vector<char> state(nodeCount, 0);  // 0 unvisited, 1 on the DFS stack, 2 finished
    std::vector<char> back(edges.size(), 0);
    std::vector<std::pair<int, size_t>> stack;
    for (int root = 0; root < nodeCount; ++root) {
        if (state[root] != 0)
            continue;
        state[root] = 1;
        stack.emplace_back(root, 0);
        while (!stack.empty()) {
            const int v = stack.back().first;
            const size_t next = stack.back().second;
            if (next >= outEdges[v].size()) {
                state[v] = 2;
                stack.pop_back();
                continue;
            }
            stack.back().second = next + 1;
            const int e = outEdges[v][next];
            const int w = edges[e].target;
            if (state[w] == 1)
                back[e] = 1;
            else if (state[w] == 0) {
                state[w] = 1;
                stack.emplace_back(w, 0);
            }
        }
    }
    return back;
}

OrientedEdges orientEdges(const LayoutInput& input) {
    const int nodeCount = static_cast<int>(input.nodeSizes.size());
    OrientedEdges result;
    result.uniqueOfInput.assign(input.edges.size(), -1);
    result.reversedInput.assign(input.edges.size(), 0);
    std::vector<LayoutEdge> valid;
    std::vector<int> inputIndex;
    for (size_t i = 0; i < input.edges.size(); ++i) {
        const LayoutEdge& e = input.edges[i];
        if (e.source < 0 || e.target < 0 || e.source >= nodeCount || e.target >= nodeCount || e.source == e.target)
            continue;
        valid.push_back(e);
        inputIndex.push_back(static_cast<int>(i));
    }
    const std::vector<char> back = findBackEdges(nodeCount, valid);
    std::unordered_map<uint64_t, int> uniqueIndex;
    uniqueIndex.reserve(valid.size() * 2);
    for (size_t k = 0; k < valid.size(); ++k) {
        LayoutEdge e = valid[k];
        if (back[k])
            std::swap(e.source, e.target);
        auto inserted = uniqueIndex.emplace(orderedKey(e.source, e.target), static_cast<int>(result.unique.size()));
        if (inserted.second)
            result.unique.push_back(e);
        result.uniqueOfInput[inputIndex[k]] = inserted.first->second;
        result.reversedInput[inputIndex[k]] = back[k];
        result.reversedCount += back[k] ? 1 : 0;
    }
    return result;
}

struct Adjacency {
    std::vector<std::vector<int>> out;
    std::vector<std::vector<int>> in;
};

Adjacency buildAdjacency(int nodeCount, const std::vector<LayoutEdge>& edges) {
    Adjacency adjacency;
    adjacency.out.resize(nodeCount);
    adjacency.in.resize(nodeCount);
    for (const LayoutEdge& e : edges) {
        adjacency.out[e.source].push_back(e.target);
        adjacency.in[e.target].push_back(e.source);
    }
    return adjacency;
}

std::vector<int> topologicalOrder(const Adjacency& adjacency) {
    const int nodeCount = static_cast<int>(adjacency.out.size());
    std::vector<int> indegree(nodeCount, 0);
    for (int v = 0; v < nodeCount; ++v)
        indegree[v] = static_cast<int>(adjacency.in[v].size());
    std::vector<int> order;
    order.reserve(nodeCount);
    for (int v = 0; v < nodeCount; ++v)
        if (indegree[v] == 0)
            order.push_back(v);
    for (size_t head = 0; head < order.size(); ++head)
        for (int w : adjacency.out[order[head]])
            if (--indegree[w] == 0)
                order.push_back(w);
    return order;
}

/// Longest-path layers from the top; optionally nodes with more consumers than producers sink to just above
/// their highest consumer. Empty layers are removed.
std::vector<int> assignLayers(int nodeCount, const std::vector<LayoutEdge>& edges, bool sinkNodes) {
    const Adjacency adjacency = buildAdjacency(nodeCount, edges);
    const std::vector<int> order = topologicalOrder(adjacency);
    std::vector<int> layer(nodeCount, 0);
    for (int v : order)
        for (int w : adjacency.out[v])
            layer[w] = std::max(layer[w], layer[v] + 1);
    if (sinkNodes) {
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const int v = *it;
            if (adjacency.out[v].size() <= adjacency.in[v].size())
                continue;
            int highestConsumer = std::numeric_limits<int>::max();
            for (int w : adjacency.out[v])
                highestConsumer = std::min(highestConsumer, layer[w]);
            layer[v] = std::max(layer[v], highestConsumer - 1);
        }
    }
    std::vector<int> used(layer);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    for (int& l : layer)
        l = static_cast<int>(std::lower_bound(used.begin(), used.end(), l) - used.begin());
    return layer;
}

/// A proper layered graph: every segment joins adjacent layers. Nodes 0..realCount-1 are the input nodes, the
/// rest are dummy nodes on long edges.
struct LayeredGraph {
    int realCount = 0;
    std::vector<double> widths;
    std::vector<double> heights;
    std::vector<int> layerOf;
    std::vector<std::vector<int>> preds;
    std::vector<std::vector<int>> succs;
    std::vector<std::vector<int>> layers;  ///< left-to-right order
    std::vector<int> position;             ///< index of a node within its layer
    std::vector<std::vector<int>> chains;  ///< per unique edge: nodes from its upper to its lower end

    int size() const { return static_cast<int>(widths.size()); }
    bool isDummy(int v) const { return v >= realCount; }

    int addNode(double width, double height, int layer) {
        widths.push_back(width);
        heights.push_back(height);
        layerOf.push_back(layer);
        preds.emplace_back();
        succs.emplace_back();
        return size() - 1;
    }
    void link(int upper, int lower) {
        succs[upper].push_back(lower);
        preds[lower].push_back(upper);
    }
    void updatePositions() {
        position.assign(size(), 0);
        for (const auto& layer : layers)
            for (size_t i = 0; i < layer.size(); ++i)
                position[layer[i]] = static_cast<int>(i);
    }
};

double sanitizedExtent(double value) { return std::isfinite(value) && value > 0.0 ? value : 0.0; }

LayeredGraph buildLayeredGraph(const LayoutInput& input, const OrientedEdges& oriented, const std::vector<int>& layer) {
    LayeredGraph g;
    g.realCount = static_cast<int>(input.nodeSizes.size());
    for (int v = 0; v < g.realCount; ++v)
        g.addNode(sanitizedExtent(input.nodeSizes[v].width), sanitizedExtent(input.nodeSizes[v].height), layer[v]);
    g.chains.reserve(oriented.unique.size());
    for (const LayoutEdge& e : oriented.unique) {
        std::vector<int> chain{e.source};
        for (int l = layer[e.source] + 1; l < layer[e.target]; ++l) {
            const int dummy = g.addNode(0.0, 0.0, l);
            g.link(chain.back(), dummy);
            chain.push_back(dummy);
        }
        g.link(chain.back(), e.target);
        chain.push_back(e.target);
        g.chains.push_back(std::move(chain));
    }
    return g;
}

/// Depth-first order from the sources, so that chains start out next to each other.
void setInitialOrder(LayeredGraph& g, int layerCount) {
    g.layers.assign(layerCount, {});
    std::vector<char> visited(g.size(), 0);
    std::vector<int> stack;
    for (int root = 0; root < g.size(); ++root) {
        if (visited[root] || !g.preds[root].empty())
            continue;
        stack.push_back(root);
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            if (visited[v])
                continue;
            visited[v] = 1;
            g.layers[g.layerOf[v]].push_back(v);
            for (auto it = g.succs[v].rbegin(); it != g.succs[v].rend(); ++it)
                if (!visited[*it])
                    stack.push_back(*it);
        }
    }
    g.updatePositions();
}

/// Crossings between segments from layer `upper` to layer `upper + 1` (accumulator tree over lower positions).
int64_t countCrossingsBelow(const LayeredGraph& g, int upper, std::vector<std::pair<int, int>>& segments,
                            std::vector<int>& tree) {
    segments.clear();
    for (int u : g.layers[upper])
        for (int w : g.succs[u])
            segments.emplace_back(g.position[u], g.position[w]);
    std::sort(segments.begin(), segments.end());
    const size_t lowerCount = g.layers[upper + 1].size();
    tree.assign(lowerCount + 1, 0);
    int64_t crossings = 0;
    int64_t inserted = 0;
    for (const auto& segment : segments) {
        int64_t notGreater = 0;
        for (int i = segment.second + 1; i > 0; i -= i & -i)
            notGreater += tree[i];
        crossings += inserted - notGreater;
        for (int i = segment.second + 1; i <= static_cast<int>(lowerCount); i += i & -i)
            ++tree[i];
        ++inserted;
    }
    return crossings;
}

int64_t countCrossings(const LayeredGraph& g) {
    std::vector<std::pair<int, int>> segments;
    std::vector<int> tree;
    int64_t total = 0;
    for (int l = 0; l + 1 < static_cast<int>(g.layers.size()); ++l)
        total += countCrossingsBelow(g, l, segments, tree);
    return total;
}

/// Reorders one layer by the mean position of its neighbours in the adjacent layer. Nodes without such
/// neighbours keep their slots; ties keep the previous order.
void sortLayerByBarycenter(LayeredGraph& g, int layerIndex, bool byPredecessors,
                           std::vector<std::pair<double, int>>& keyed) {
    std::vector<int>& layer = g.layers[layerIndex];
    keyed.clear();
    std::vector<char> fixedSlot(layer.size(), 0);
    for (size_t i = 0; i < layer.size(); ++i) {
        const std::vector<int>& neighbours = byPredecessors ? g.preds[layer[i]] : g.succs[layer[i]];
        if (neighbours.empty()) {
            fixedSlot[i] = 1;
            continue;
        }
        double sum = 0.0;
        for (int n : neighbours)
            sum += g.position[n];
        keyed.emplace_back(sum / static_cast<double>(neighbours.size()), static_cast<int>(i));
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<int> reordered(layer.size(), 0);
    size_t next = 0;
    for (size_t i = 0; i < layer.size(); ++i)
        reordered[i] = fixedSlot[i] ? layer[i] : layer[keyed[next++].second];
    layer.swap(reordered);
    for (size_t i = 0; i < layer.size(); ++i)
        g.position[layer[i]] = static_cast<int>(i);
}

int64_t pairCrossings(const std::vector<int>& left, const std::vector<int>& right, const std::vector<int>& position) {
    int64_t crossings = 0;
    for (int a : left)
        for (int b : right)
            crossings += position[a] > position[b] ? 1 : 0;
    return crossings;
}

/// Swaps neighbouring nodes of a layer whenever that removes crossings with both adjacent layers. Returns
/// whether anything moved.
bool transposeNeighbours(LayeredGraph& g) {
    bool moved = false;
    for (std::vector<int>& layer : g.layers) {
        for (size_t i = 0; i + 1 < layer.size(); ++i) {
            const int u = layer[i];
            const int v = layer[i + 1];
            const int64_t kept = pairCrossings(g.preds[u], g.preds[v], g.position) +
                                 pairCrossings(g.succs[u], g.succs[v], g.position);
            const int64_t swapped = pairCrossings(g.preds[v], g.preds[u], g.position) +
                                    pairCrossings(g.succs[v], g.succs[u], g.position);
            if (swapped < kept) {
                std::swap(layer[i], layer[i + 1]);
                g.position[u] = static_cast<int>(i + 1);
                g.position[v] = static_cast<int>(i);
                moved = true;
            }
        }
    }
    return moved;
}

/// Alternating down and up barycenter sweeps; keeps the order with the fewest crossings. Returns that count.
int64_t reduceCrossings(LayeredGraph& g, const LayoutOptions& options) {
    int64_t best = countCrossings(g);
    std::vector<std::vector<int>> bestLayers = g.layers;
    std::vector<std::pair<double, int>> keyed;
    const int layerCount = static_cast<int>(g.layers.size());
    int sweepsWithoutGain = 0;
    for (int sweep = 0; sweep < options.maxCrossingSweeps && best > 0 && !isCancelled(options); ++sweep) {
        if (sweep % 2 == 0)
            for (int l = 1; l < layerCount; ++l)
                sortLayerByBarycenter(g, l, true, keyed);
        else
            for (int l = layerCount - 2; l >= 0; --l)
                sortLayerByBarycenter(g, l, false, keyed);
        for (int pass = 0; pass < 4 && transposeNeighbours(g); ++pass) {
        }
        const int64_t crossings = countCrossings(g);
        if (crossings < best) {
            best = crossings;
            bestLayers = g.layers;
            sweepsWithoutGain = 0;
        } else if (++sweepsWithoutGain >= 4) {
            break;
        }
    }
    g.layers.swap(bestLayers);
    g.updatePositions();
    return best;
}

double separation(const LayeredGraph& g, int left, int right, const LayoutOptions& options) {
    const int dummies = (g.isDummy(left) ? 1 : 0) + (g.isDummy(right) ? 1 : 0);
    const double gap = dummies == 0   ? options.nodeSpacing
                       : dummies == 2 ? options.edgeSpacing
                                      : 0.5 * (options.nodeSpacing + options.edgeSpacing);
    return 0.5 * (g.widths[left] + g.widths[right]) + gap;
}

int innerSegmentPredecessor(const LayeredGraph& g, int v) {
    if (!g.isDummy(v))
        return -1;
    for (int u : g.preds[v])
        if (g.isDummy(u))
            return u;
    return -1;
}

/// Segments that cross a segment between two dummy nodes; such segments never get aligned so that long edges
/// stay straight.
std::unordered_set<uint64_t> findInnerSegmentConflicts(const LayeredGraph& g) {
    std::unordered_set<uint64_t> conflicts;
    for (size_t l = 1; l < g.layers.size(); ++l) {
        const std::vector<int>& lower = g.layers[l];
        const int upperCount = static_cast<int>(g.layers[l - 1].size());
        int k0 = 0;
        size_t scanStart = 0;
        for (size_t i = 0; i < lower.size(); ++i) {
            const int inner = innerSegmentPredecessor(g, lower[i]);
            if (inner < 0 && i + 1 != lower.size())
                continue;
            const int k1 = inner >= 0 ? g.position[inner] : upperCount;
            for (size_t s = scanStart; s <= i; ++s) {
                const int scanned = lower[s];
                for (int u : g.preds[scanned]) {
                    const int p = g.position[u];
                    if ((p < k0 || p > k1) && !(g.isDummy(u) && g.isDummy(scanned)))
                        conflicts.insert(unorderedKey(u, scanned));
                }
            }
            scanStart = i + 1;
            k0 = k1;
        }
    }
    return conflicts;
}

struct Alignment {
    std::vector<int> root;
    std::vector<int> align;
};

/// Aligns each node with a median neighbour in the previous layer of `layering` (blocks = vertical chains).
Alignment alignVertically(const LayeredGraph& g, const std::vector<std::vector<int>>& layering,
                          const std::vector<int>& position, bool towardsUpper,
                          const std::unordered_set<uint64_t>& conflicts) {
    Alignment a;
    a.root.resize(g.size());
    a.align.resize(g.size());
    for (int v = 0; v < g.size(); ++v)
        a.root[v] = a.align[v] = v;
    std::vector<int> neighbours;
    for (const std::vector<int>& layer : layering) {
        int previous = -1;
        for (int v : layer) {
            neighbours = towardsUpper ? g.preds[v] : g.succs[v];
            if (neighbours.empty())
                continue;
            std::sort(neighbours.begin(), neighbours.end(),
                      [&](int x, int y) { return position[x] < position[y]; });
            const size_t lowMedian = (neighbours.size() - 1) / 2;
            const size_t highMedian = neighbours.size() / 2;
            for (size_t m = lowMedian; m <= highMedian; ++m) {
                const int w = neighbours[m];
                if (a.align[v] == v && previous < position[w] && conflicts.count(unorderedKey(v, w)) == 0) {
                    a.align[w] = v;
                    a.align[v] = a.root[v] = a.root[w];
                    previous = position[w];
                }
            }
        }
    }
    return a;
}

/// Places blocks as far left as separations allow, then pulls each block right towards its right neighbours.
std::vector<double> compactHorizontally(const LayeredGraph& g, const std::vector<std::vector<int>>& layering,
                                        const Alignment& a, const LayoutOptions& options) {
    struct BlockEdge {
        int from;
        int to;
        double gap;
    };
    std::vector<BlockEdge> edges;
    for (const std::vector<int>& layer : layering)
        for (size_t i = 1; i < layer.size(); ++i)
            edges.push_back({a.root[layer[i - 1]], a.root[layer[i]], separation(g, layer[i - 1], layer[i], options)});
    const int n = g.size();
    std::vector<std::vector<int>> outEdges(n);
    std::vector<std::vector<int>> inEdges(n);
    std::vector<int> indegree(n, 0);
    for (size_t e = 0; e < edges.size(); ++e) {
        outEdges[edges[e].from].push_back(static_cast<int>(e));
        inEdges[edges[e].to].push_back(static_cast<int>(e));
        ++indegree[edges[e].to];
    }
    std::vector<int> order;
    for (int v = 0; v < n; ++v)
        if (a.root[v] == v && indegree[v] == 0)
            order.push_back(v);
    for (size_t head = 0; head < order.size(); ++head)
        for (int e : outEdges[order[head]])
            if (--indegree[edges[e].to] == 0)
                order.push_back(edges[e].to);
    std::vector<double> xs(n, 0.0);
    for (int r : order)
        for (int e : inEdges[r])
            xs[r] = std::max(xs[r], xs[edges[e].from] + edges[e].gap);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        double limit = std::numeric_limits<double>::infinity();
        for (int e : outEdges[*it])
            limit = std::min(limit, xs[edges[e].to] - edges[e].gap);
        if (std::isfinite(limit))
            xs[*it] = std::max(xs[*it], limit);
    }
    std::vector<double> x(n, 0.0);
    for (int v = 0; v < n; ++v)
        x[v] = xs[a.root[v]];
    return x;
}

std::pair<double, double> horizontalExtent(const LayeredGraph& g, const std::vector<double>& x) {
    double left = std::numeric_limits<double>::infinity();
    double right = -std::numeric_limits<double>::infinity();
    for (int v = 0; v < g.size(); ++v) {
        left = std::min(left, x[v] - 0.5 * g.widths[v]);
        right = std::max(right, x[v] + 0.5 * g.widths[v]);
    }
    return {left, right};
}

/// Four alignments (towards upper/lower neighbours, compacted left/right), shifted onto the narrowest one and
/// averaged per node by the mean of the two middle values.
std::vector<double> assignAlignedCoordinates(const LayeredGraph& g, const LayoutOptions& options) {
    const std::unordered_set<uint64_t> conflicts = findInnerSegmentConflicts(g);
    std::vector<std::vector<double>> candidates;
    std::vector<char> leftCompacted;
    for (int vertical = 0; vertical < 2; ++vertical) {
        for (int horizontal = 0; horizontal < 2; ++horizontal) {
            std::vector<std::vector<int>> layering = g.layers;
            if (vertical == 1)
                std::reverse(layering.begin(), layering.end());
            if (horizontal == 1)
                for (auto& layer : layering)
                    std::reverse(layer.begin(), layer.end());
            std::vector<int> position(g.size(), 0);
            for (const auto& layer : layering)
                for (size_t i = 0; i < layer.size(); ++i)
                    position[layer[i]] = static_cast<int>(i);
            const Alignment a = alignVertically(g, layering, position, vertical == 0, conflicts);
            std::vector<double> x = compactHorizontally(g, layering, a, options);
            if (horizontal == 1)
                for (double& value : x)
                    value = -value;
            candidates.push_back(std::move(x));
            leftCompacted.push_back(horizontal == 0);
        }
    }
    size_t narrowest = 0;
    std::vector<std::pair<double, double>> extents;
    for (size_t c = 0; c < candidates.size(); ++c) {
        extents.push_back(horizontalExtent(g, candidates[c]));
        if (extents[c].second - extents[c].first < extents[narrowest].second - extents[narrowest].first)
            narrowest = c;
    }
    for (size_t c = 0; c < candidates.size(); ++c) {
        const double shift = leftCompacted[c] ? extents[narrowest].first - extents[c].first
                                              : extents[narrowest].second - extents[c].second;
        for (double& value : candidates[c])
            value += shift;
    }
    std::vector<double> x(g.size(), 0.0);
    double values[4] = {0.0, 0.0, 0.0, 0.0};
    for (int v = 0; v < g.size(); ++v) {
        for (size_t c = 0; c < 4; ++c)
            values[c] = candidates[c][v];
        std::sort(values, values + 4);
        x[v] = 0.5 * (values[1] + values[2]);
    }
    return x;
}

bool hasVerticalSegment(const LayeredGraph& g, const std::vector<double>& x, int v) {
    for (const auto* neighbours : {&g.preds[v], &g.succs[v]})
        for (int n : *neighbours)
            if (std::abs(x[n] - x[v]) < 0.5)
                return true;
    return false;
}

/// Bend points that the alignment left without any vertical segment (typically pushed against a far neighbour)
/// move towards the mean of their neighbours, as far as the free space between their layer neighbours allows.
void pullLooseBends(const LayeredGraph& g, const LayoutOptions& options, std::vector<double>& x) {
    constexpr int sweeps = 4;
    const int layerCount = static_cast<int>(g.layers.size());
    for (int sweep = 0; sweep < sweeps; ++sweep) {
        for (int step = 0; step < layerCount; ++step) {
            const std::vector<int>& layer = g.layers[sweep % 2 == 0 ? step : layerCount - 1 - step];
            for (size_t i = 0; i < layer.size(); ++i) {
                const int v = layer[i];
                if (!g.isDummy(v) || hasVerticalSegment(g, x, v))
                    continue;
                double sum = 0.0;
                for (const auto* neighbours : {&g.preds[v], &g.succs[v]})
                    for (int n : *neighbours)
                        sum += x[n];
                double target = sum / static_cast<double>(g.preds[v].size() + g.succs[v].size());
                if (i > 0)
                    target = std::max(target, x[layer[i - 1]] + separation(g, layer[i - 1], v, options));
                if (i + 1 < layer.size())
                    target = std::min(target, x[layer[i + 1]] - separation(g, v, layer[i + 1], options));
                x[v] = target;
            }
        }
    }
}

/// Each layer packed from the left with minimum separations and centred on x = 0.
std::vector<double> assignPackedCoordinates(const LayeredGraph& g, const LayoutOptions& options) {
    std::vector<double> x(g.size(), 0.0);
    for (const std::vector<int>& layer : g.layers) {
        double cursor = 0.0;
        for (size_t i = 0; i < layer.size(); ++i) {
            if (i > 0)
                cursor += separation(g, layer[i - 1], layer[i], options);
            x[layer[i]] = cursor;
        }
        for (int v : layer)
            x[v] -= 0.5 * cursor;
    }
    return x;
}

/// Horizontal offsets of the edge ends on one side of a node, ordered by where the edges come from.
void spreadPorts(std::vector<std::pair<double, int>>& ends, double nodeWidth, const LayoutOptions& options,
                 std::vector<double>& offsets) {
    std::sort(ends.begin(), ends.end());
    const size_t count = ends.size();
    const double step = count > 1 ? std::min(options.portSpacing, 0.8 * nodeWidth / static_cast<double>(count - 1))
                                  : 0.0;
    for (size_t i = 0; i < count; ++i)
        offsets[ends[i].second] = (static_cast<double>(i) - 0.5 * static_cast<double>(count - 1)) * step;
}

struct PortOffsets {
    std::vector<double> top;     ///< per chain: offset of its lower end on the top side of its target
    std::vector<double> bottom;  ///< per chain: offset of its upper end on the bottom side of its source
};

PortOffsets assignPorts(const LayeredGraph& g, const std::vector<double>& x, const LayoutOptions& options) {
    PortOffsets ports;
    ports.top.assign(g.chains.size(), 0.0);
    ports.bottom.assign(g.chains.size(), 0.0);
    std::vector<std::vector<std::pair<double, int>>> bottomEnds(g.realCount);
    std::vector<std::vector<std::pair<double, int>>> topEnds(g.realCount);
    for (size_t c = 0; c < g.chains.size(); ++c) {
        const std::vector<int>& chain = g.chains[c];
        bottomEnds[chain.front()].emplace_back(x[chain[1]], static_cast<int>(c));
        topEnds[chain.back()].emplace_back(x[chain[chain.size() - 2]], static_cast<int>(c));
    }
    for (int v = 0; v < g.realCount; ++v) {
        spreadPorts(bottomEnds[v], g.widths[v], options, ports.bottom);
        spreadPorts(topEnds[v], g.widths[v], options, ports.top);
    }
    return ports;
}

struct LayerBands {
    std::vector<double> centerY;
    double totalHeight = 0.0;
};

LayerBands assignLayerBands(const LayeredGraph& g, const LayoutOptions& options) {
    LayerBands bands;
    double top = 0.0;
    for (const std::vector<int>& layer : g.layers) {
        double height = 0.0;
        for (int v : layer)
            height = std::max(height, g.heights[v]);
        bands.centerY.push_back(top + 0.5 * height);
        top += height + options.layerSpacing;
    }
    bands.totalHeight = g.layers.empty() ? 0.0 : top - options.layerSpacing;
    return bands;
}

std::vector<std::vector<LayoutPoint>> buildChainPaths(const LayeredGraph& g, const std::vector<double>& x,
                                                      const LayerBands& bands, const PortOffsets& ports) {
    std::vector<std::vector<LayoutPoint>> paths(g.chains.size());
    for (size_t c = 0; c < g.chains.size(); ++c) {
        const std::vector<int>& chain = g.chains[c];
        std::vector<LayoutPoint>& path = paths[c];
        path.reserve(chain.size());
        const int source = chain.front();
        const int target = chain.back();
        path.push_back({x[source] + ports.bottom[c], bands.centerY[g.layerOf[source]] + 0.5 * g.heights[source]});
        for (size_t i = 1; i + 1 < chain.size(); ++i)
            path.push_back({x[chain[i]], bands.centerY[g.layerOf[chain[i]]]});
        path.push_back({x[target] + ports.top[c], bands.centerY[g.layerOf[target]] - 0.5 * g.heights[target]});
    }
    return paths;
}

void fillResult(const LayoutInput& input, const LayeredGraph& g, const OrientedEdges& oriented,
                std::vector<double> x, const LayoutOptions& options, LayoutResult& result) {
    const auto extent = horizontalExtent(g, x);
    const double shift = g.size() > 0 ? -extent.first : 0.0;
    for (double& value : x)
        value += shift;
    const LayerBands bands = assignLayerBands(g, options);
    const PortOffsets ports = assignPorts(g, x, options);
    const std::vector<std::vector<LayoutPoint>> chainPaths = buildChainPaths(g, x, bands, ports);
    result.nodeCenters.resize(g.realCount);
    result.nodeLayers.resize(g.realCount);
    for (int v = 0; v < g.realCount; ++v) {
        result.nodeCenters[v] = {x[v], bands.centerY[g.layerOf[v]]};
        result.nodeLayers[v] = g.layerOf[v];
    }
    result.edgePaths.resize(input.edges.size());
    for (size_t e = 0; e < input.edges.size(); ++e) {
        const int chain = oriented.uniqueOfInput[e];
        if (chain < 0)
            continue;
        result.edgePaths[e] = chainPaths[chain];
        if (oriented.reversedInput[e])
            std::reverse(result.edgePaths[e].begin(), result.edgePaths[e].end());
    }
    result.width = g.size() > 0 ? extent.second - extent.first : 0.0;
    result.height = bands.totalHeight;
    result.layerCount = static_cast<int>(g.layers.size());
    result.dummyCount = g.size() - g.realCount;
    result.reversedEdgeCount = oriented.reversedCount;
}

} // namespace

GraphLayout::GraphLayout(LayoutOptions options) : m_options(options) {}

LayoutOptions GraphLayout::referenceOptions() {
    LayoutOptions options;
    options.sinkNodes = false;
    options.reduceCrossings = false;
    options.alignChains = false;
    return options;
}

LayoutResult GraphLayout::run(const LayoutInput& input) const {
    LayoutResult result;
    const int nodeCount = static_cast<int>(input.nodeSizes.size());
    const OrientedEdges oriented = orientEdges(input);
    const std::vector<int> layer = assignLayers(nodeCount, oriented.unique, m_options.sinkNodes);
    const int layerCount = layer.empty() ? 0 : *std::max_element(layer.begin(), layer.end()) + 1;
    LayeredGraph g = buildLayeredGraph(input, oriented, layer);
    setInitialOrder(g, layerCount);
    if (isCancelled(m_options)) {
        result.cancelled = true;
        return result;
    }
    result.crossings = m_options.reduceCrossings ? reduceCrossings(g, m_options) : countCrossings(g);
    if (isCancelled(m_options)) {
        result.cancelled = true;
        return result;
    }
    std::vector<double> x = m_options.alignChains ? assignAlignedCoordinates(g, m_options)
                                                   : assignPackedCoordinates(g, m_options);
    if (m_options.alignChains)
        pullLooseBends(g, m_options, x);
    fillResult(input, g, oriented, std::move(x), m_options, result);
    return result;
}

} // namespace qs
