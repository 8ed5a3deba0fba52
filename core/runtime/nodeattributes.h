#pragma once
// Attribute lookups for kernels, with defaults; every failure names the node.

#include "model/graph.h"

#include <string>
#include <vector>

namespace qs {

const Attribute* findAttribute(const Node& node, const std::string& name);
int64_t attrInt(const Node& node, const std::string& name, int64_t fallback);
float attrFloat(const Node& node, const std::string& name, float fallback);
std::string attrString(const Node& node, const std::string& name, const std::string& fallback);
/// Empty when absent.
std::vector<int64_t> attrInts(const Node& node, const std::string& name);
std::vector<float> attrFloats(const Node& node, const std::string& name);

/// "Conv node 'conv1'" for messages (op type and name through printableName).
std::string nodeLabel(const Node& node);

} // namespace qs
