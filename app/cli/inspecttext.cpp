#include "inspecttext.h"

#include "textformat.h"
#include "texttable.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace qs::cli {

using Json = nlohmann::ordered_json;

namespace {

std::string shapeText(const Json& shape) {
    if (shape.is_null())
        return "(unknown rank)";
    std::string text = "[";
    for (size_t index = 0; index < shape.size(); ++index) {
        const Json& dim = shape[index];
        text += index ? ", " : "";
        if (dim.is_number())
            text += std::to_string(dim.get<int64_t>());
        else
            text += dim.is_string() ? dim.get<std::string>() : "?";
    }
    return text + "]";
}

std::string opsetText(const Json& opsets) {
    std::string text;
    for (const auto& [domain, version] : opsets.items())
        text += (text.empty() ? "" : ", ") + domain + " " + std::to_string(version.get<int64_t>());
    return text.empty() ? "none" : text;
}

void printHeader(const Json& report, std::ostream& out) {
    TextTable table;
    table.addRow({"Model", report["file"].get<std::string>() + "  (" +
                               formatBytes(report["file_size_bytes"].get<int64_t>()) + ")"});
    const std::string producer = report["producer"].get<std::string>();
    table.addRow({"Producer", producer.empty() ? "(not recorded)" : producer});
    table.addRow({"IR version", std::to_string(report["ir_version"].get<int64_t>())});
    table.addRow({"Opsets", opsetText(report["opsets"])});
    table.addRow({"Nodes", formatCount(report["nodes"].get<int64_t>())});
    table.addRow({"Initializers", formatCount(report["initializers"].get<int64_t>())});
    table.addRow({"Parameters", formatCount(report["parameters"].get<int64_t>()) + "  (" +
                                    formatBytes(report["weights_bytes"].get<int64_t>()) + " of constants)"});
    table.print(out, "");
    for (const auto& [key, value] : report["metadata"].items())
        out << "Metadata      " << key << " = " << value.get<std::string>() << '\n';
}

void printValues(const char* title, const Json& values, std::ostream& out) {
    out << '\n' << title << " (" << values.size() << ")\n";
    TextTable table;
    for (const Json& value : values)
        table.addRow(
            {value["name"].get<std::string>(), value["dtype"].get<std::string>(), shapeText(value["shape"])});
    table.print(out);
}

void printOpHistogram(const Json& opCounts, std::ostream& out) {
    std::vector<std::pair<std::string, int64_t>> counts;
    for (const auto& [op, count] : opCounts.items())
        counts.emplace_back(op, count.get<int64_t>());
    std::stable_sort(counts.begin(), counts.end(),
                     [](const auto& left, const auto& right) { return left.second > right.second; });
    out << "\nOperators (" << counts.size() << " types)\n";
    TextTable table;
    table.setAlign(1, TextTable::Align::Right);
    for (const auto& [op, count] : counts)
        table.addRow({op, formatCount(count)});
    table.print(out);
}

std::vector<std::string> layerRow(size_t index, const Json& layer) {
    const Json& stats = layer["weight_stats"];
    const bool hasStats = stats.is_object();
    return {std::to_string(index + 1),
            layer["name"].get<std::string>(),
            layer["op"].get<std::string>(),
            shapeText(layer["weight_shape"]),
            formatCount(layer["parameters"].get<int64_t>()),
            hasStats ? formatReal(stats["min"].get<double>()) : "-",
            hasStats ? formatReal(stats["max"].get<double>()) : "-",
            hasStats ? formatReal(stats["std"].get<double>()) : "-"};
}

void printLayers(const Json& report, std::ostream& out) {
    const Json& layers = report["layers"];
    out << "\nQuantizable layers (" << layers.size() << ", "
        << formatCount(report["quantizable_parameters"].get<int64_t>()) << " parameters)\n";
    if (layers.empty()) {
        out << "  none\n";
        return;
    }
    TextTable table;
    table.setHeader({"#", "layer", "op", "weight shape", "params", "min", "max", "std"});
    for (size_t column : {0, 4, 5, 6, 7})
        table.setAlign(column, TextTable::Align::Right);
    for (size_t index = 0; index < layers.size(); ++index)
        table.addRow(layerRow(index, layers[index]));
    table.print(out);
}

void printWarnings(const Json& warnings, std::ostream& out) {
    if (warnings.empty())
        return;
    out << "\nWarnings (" << warnings.size() << ")\n";
    for (const Json& warning : warnings)
        out << "  " << warning.get<std::string>() << '\n';
}

} // namespace

void printInspectText(const Json& report, std::ostream& out) {
    printHeader(report, out);
    printValues("Inputs", report["inputs"], out);
    printValues("Outputs", report["outputs"], out);
    printOpHistogram(report["op_counts"], out);
    printLayers(report, out);
    printWarnings(report["warnings"], out);
}

} // namespace qs::cli
