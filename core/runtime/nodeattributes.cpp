#include "runtime/nodeattributes.h"

#include "util/error.h"

namespace qs {

const Attribute* findAttribute(const Node& node, const std::string& name) {
    for (const Attribute& attribute : node.attributes)
        if (attribute.name == name)
            return &attribute;
    return nullptr;
}

static const Attribute* expect(const Node& node, const std::string& name, Attribute::Kind kind,
                               const char* kindName) {
    const Attribute* attribute = findAttribute(node, name);
    if (attribute && attribute->kind != kind)
        throw Error(nodeLabel(node) + ": attribute '" + name + "' should be " + kindName);
    return attribute;
}

int64_t attrInt(const Node& node, const std::string& name, int64_t fallback) {
    const Attribute* attribute = expect(node, name, Attribute::Kind::Int, "an int");
    return attribute ? attribute->i : fallback;
}

float attrFloat(const Node& node, const std::string& name, float fallback) {
    const Attribute* attribute = expect(node, name, Attribute::Kind::Float, "a float");
    return attribute ? attribute->f : fallback;
}

std::string attrString(const Node& node, const std::string& name, const std::string& fallback) {
    const Attribute* attribute = expect(node, name, Attribute::Kind::String, "a string");
    return attribute ? attribute->s : fallback;
}

std::vector<int64_t> attrInts(const Node& node, const std::string& name) {
    const Attribute* attribute = expect(node, name, Attribute::Kind::Ints, "a list of ints");
    return attribute ? attribute->ints : std::vector<int64_t>{};
}

std::vector<float> attrFloats(const Node& node, const std::string& name) {
    const Attribute* attribute = expect(node, name, Attribute::Kind::Floats, "a list of floats");
    return attribute ? attribute->floats : std::vector<float>{};
}

std::string nodeLabel(const Node& node) {
    return printableName(node.opType) + " node '" + printableName(node.name) + "'";
}

} // namespace qs
