// Einsum in a plain loop over every label combination: explicit and implicit outputs, repeated labels (diagonals),
// ellipsis with broadcasting, any number of operands. Meant for the small contractions exporters emit; large
// products are better written as MatMul.

#include "runtime/kernels/functionkernel.h"
#include "runtime/kernels/kernelfamilies.h"
#include "runtime/nodeattributes.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace qs {

namespace {

/// The equation split into per-operand labels and output labels; '0'..'9' stand for ellipsis axes.
struct EinsumEquation {
    std::vector<std::string> operands;
    std::string output;
    bool explicitOutput = false;
};

EinsumEquation parseEquation(const Node& node) {
    std::string equation;
    for (char c : attrString(node, "equation", ""))
        if (!std::isspace(static_cast<unsigned char>(c)))
            equation += c;
    EinsumEquation parsed;
    size_t arrow = equation.find("->");
    std::string left = equation.substr(0, arrow);
    if (arrow != std::string::npos) {
        parsed.explicitOutput = true;
        parsed.output = equation.substr(arrow + 2);
    }
    size_t start = 0;
    while (true) {
        size_t comma = left.find(',', start);
        parsed.operands.push_back(left.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    auto check = [&](const std::string& term) {
        size_t dots = term.find("...");
        if (dots != std::string::npos && term.find("...", dots + 1) != std::string::npos)
            failNode(node, "equation '" + equation + "' has more than one ellipsis in a term");
        for (size_t i = 0; i < term.size(); ++i) {
            bool isDot = term[i] == '.' && dots != std::string::npos && i >= dots && i < dots + 3;
            if (!isDot && !std::isalpha(static_cast<unsigned char>(term[i])))
                failNode(node, "equation '" + equation + "' has an invalid label '" + std::string(1, term[i]) + "'");
        }
    };
    for (const std::string& term : parsed.operands)
        check(term);
    check(parsed.output);
    return parsed;
}

void validateEinsum(const Node& node, int64_t) {
    if (attrString(node, "equation", "").empty())
        failNode(node, "equation is required");
    parseEquation(node);
}

/// Replaces "..." in `term` by `count` ellipsis labels (the last `count` of "0123456789" up to `total`).
std::string expandEllipsis(const Node& node, const std::string& term, int64_t count, int64_t total) {
    size_t dots = term.find("...");
    if (dots == std::string::npos)
        return term;
    if (total > 10)
        unsupportedNode(node, "more than 10 ellipsis axes");
    std::string labels;
    for (int64_t i = total - count; i < total; ++i)
        labels += static_cast<char>('0' + i);
    return term.substr(0, dots) + labels + term.substr(dots + 3);
}

template <typename T>
void einsumTyped(const std::vector<const RuntimeTensor*>& operands, const std::vector<std::string>& terms,
                 const std::string& output, const std::map<char, int64_t>& sizes, RuntimeTensor& result) {
    std::vector<char> labels;
    for (const auto& entry : sizes)
        labels.push_back(entry.first);
    size_t labelCount = labels.size();
    std::map<char, size_t> position;
    for (size_t l = 0; l < labelCount; ++l)
        position[labels[l]] = l;
    // Strides per operand and per label (0 when broadcast or absent; summed for repeated labels).
    std::vector<std::vector<int64_t>> strides(operands.size(), std::vector<int64_t>(labelCount, 0));
    for (size_t k = 0; k < operands.size(); ++k) {
        const std::vector<int64_t>& dims = operands[k]->dims();
        int64_t stride = 1;
        for (size_t d = dims.size(); d-- > 0;) {
            if (dims[d] != 1 || sizes.at(terms[k][d]) == 1)
                strides[k][position[terms[k][d]]] += stride;
            stride *= dims[d];
        }
    }
    std::vector<int64_t> outputStrides(labelCount, 0);
    int64_t stride = 1;
    for (size_t d = output.size(); d-- > 0;) {
        outputStrides[position[output[d]]] = stride;
        stride *= sizes.at(output[d]);
    }
    T* target = result.data<T>();
    std::fill(target, target + result.elementCount(), T(0));
    int64_t total = 1;
    for (char label : labels)
        total *= sizes.at(label);
    if (total == 0)
        return;
    std::vector<int64_t> counter(labelCount, 0);
    std::vector<int64_t> offsets(operands.size(), 0);
    int64_t outputOffset = 0;
    for (int64_t step = 0; step < total; ++step) {
        T product = T(1);
        for (size_t k = 0; k < operands.size(); ++k)
            product = static_cast<T>(product * operands[k]->data<T>()[offsets[k]]);
        target[outputOffset] = static_cast<T>(target[outputOffset] + product);
        for (size_t l = labelCount; l-- > 0;) {
            ++counter[l];
            outputOffset += outputStrides[l];
            for (size_t k = 0; k < operands.size(); ++k)
                offsets[k] += strides[k][l];
            if (counter[l] < sizes.at(labels[l]))
                break;
            outputOffset -= outputStrides[l] * counter[l];
            for (size_t k = 0; k < operands.size(); ++k)
                offsets[k] -= strides[k][l] * counter[l];
            counter[l] = 0;
        }
    }
}

void runEinsum(const Node& node, int64_t, const KernelInputs& inputs, std::vector<RuntimeTensor>& outputs,
               KernelContext& context) {
    EinsumEquation equation = parseEquation(node);
    if (equation.operands.size() != inputs.size())
        failNode(node, "equation has " + std::to_string(equation.operands.size()) + " operands for " +
                           std::to_string(inputs.size()) + " inputs");
    std::vector<const RuntimeTensor*> operands;
    int64_t ellipsisRank = 0;
    std::vector<int64_t> ellipsisCounts;
    for (size_t k = 0; k < inputs.size(); ++k) {
        operands.push_back(&requireInput(node, inputs, k));
        const std::string& term = equation.operands[k];
        bool hasEllipsis = term.find("...") != std::string::npos;
        int64_t named = static_cast<int64_t>(term.size()) - (hasEllipsis ? 3 : 0);
        int64_t count = operands[k]->rank() - named;
        if (count < 0 || (!hasEllipsis && count != 0))
            failNode(node, "term '" + term + "' does not match input " + operands[k]->describe());
        ellipsisCounts.push_back(count);
        ellipsisRank = std::max(ellipsisRank, count);
        if (operands[k]->type() != operands[0]->type())
            failNode(node, "inputs must share one element type");
    }
    std::vector<std::string> terms;
    std::map<char, int64_t> sizes;
    std::map<char, int> occurrences;
    for (size_t k = 0; k < operands.size(); ++k) {
        terms.push_back(expandEllipsis(node, equation.operands[k], ellipsisCounts[k], ellipsisRank));
        for (size_t d = 0; d < terms[k].size(); ++d) {
            char label = terms[k][d];
            int64_t dim = operands[k]->dims()[d];
            ++occurrences[label];
            auto found = sizes.find(label);
            if (found == sizes.end() || found->second == 1)
                sizes[label] = dim;
            else if (dim != found->second && dim != 1)
                failNode(node, "label '" + std::string(1, label) + "' has sizes " + std::to_string(found->second) +
                                   " and " + std::to_string(dim));
            else if (dim == 1 && !std::isdigit(static_cast<unsigned char>(label)))
                failNode(node, "label '" + std::string(1, label) + "' has sizes " + std::to_string(found->second) +
                                   " and 1");
        }
    }
    std::string output;
    if (equation.explicitOutput) {
        output = expandEllipsis(node, equation.output, ellipsisRank, ellipsisRank);
        if (equation.output.find("...") == std::string::npos && ellipsisRank > 0)
            unsupportedNode(node, "summing over ellipsis axes");
    } else {
        for (int64_t i = 0; i < ellipsisRank; ++i)
            output += static_cast<char>('0' + i);
        for (const auto& entry : occurrences)
            if (entry.second == 1 && std::isalpha(static_cast<unsigned char>(entry.first)))
                output += entry.first;
    }
    std::vector<int64_t> outputDims;
    for (char label : output) {
        if (!sizes.count(label))
            failNode(node, "output label '" + std::string(1, label) + "' appears in no input");
        if (std::count(output.begin(), output.end(), label) > 1)
            failNode(node, "output label '" + std::string(1, label) + "' is repeated");
        outputDims.push_back(sizes.at(label));
    }
    RuntimeTensor result = context.allocate(operands[0]->type(), outputDims);
    switch (operands[0]->type()) {
    case DataType::Float: einsumTyped<float>(operands, terms, output, sizes, result); break;
    case DataType::Double: einsumTyped<double>(operands, terms, output, sizes, result); break;
    case DataType::Int32: einsumTyped<int32_t>(operands, terms, output, sizes, result); break;
    case DataType::Int64: einsumTyped<int64_t>(operands, terms, output, sizes, result); break;
    default: failNode(node, "unsupported element type of " + operands[0]->describe());
    }
    outputs[0] = std::move(result);
}

} // namespace

void registerEinsumKernels(KernelRegistry& registry) { addFunctionKernel(registry, "Einsum", runEinsum, validateEinsum); }

} // namespace qs
