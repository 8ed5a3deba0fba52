#include "graphtooltip.h"

#include <QCoreApplication>
#include <QStringList>

namespace qs {
namespace {

constexpr int maxListedAttributes = 12;
constexpr size_t maxListedValues = 8;

QString html(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

QString tr(const char* text) { return QCoreApplication::translate("qs::GraphView", text); }

QString typeAndShape(const Graph& graph, const std::string& tensorName) {
    const auto init = graph.initializers.find(tensorName);
    if (init != graph.initializers.end())
        return html(dataTypeName(init->second.type) + " " + formatDims(init->second.dims)) + " " +
               tr("(initializer)");
    const auto info = graph.valueInfos.find(tensorName);
    if (info == graph.valueInfos.end())
        return tr("type unknown");
    return html(dataTypeName(info->second.type) + " " + formatShape(info->second));
}

template <typename T> std::string listText(const std::vector<T>& values) {
    std::string text = "[";
    for (size_t i = 0; i < values.size() && i < maxListedValues; ++i)
        text += (i > 0 ? ", " : "") + std::to_string(values[i]);
    return text + (values.size() > maxListedValues ? ", …]" : "]");
}

std::string attributeText(const Attribute& a) {
    switch (a.kind) {
    case Attribute::Kind::Float: return std::to_string(a.f);
    case Attribute::Kind::Int: return std::to_string(a.i);
    case Attribute::Kind::String: return "\"" + a.s + "\"";
    case Attribute::Kind::Floats: return listText(a.floats);
    case Attribute::Kind::Ints: return listText(a.ints);
    case Attribute::Kind::Strings: return std::to_string(a.strings.size()) + " strings";
    case Attribute::Kind::Tensor: return "tensor";
    case Attribute::Kind::Graph: return "graph";
    case Attribute::Kind::Tensors: return std::to_string(a.tensors.size()) + " tensors";
    case Attribute::Kind::Graphs: return std::to_string(a.graphs.size()) + " graphs";
    case Attribute::Kind::Undefined: break;
    }
    return "?";
}

QString tensorLines(const Graph& graph, const Node& node, const std::vector<std::string>& names, bool inputs) {
    QStringList lines;
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty())
            continue;
        const QString slot = inputs ? html(inputSlotName(node.opType, i)) : QString::number(i);
        lines << QStringLiteral("&nbsp;&nbsp;%1: %2 &nbsp;<i>%3</i>").arg(slot, html(names[i]),
                                                                      typeAndShape(graph, names[i]));
    }
    return lines.join(QStringLiteral("<br/>"));
}

QString attributeLines(const Node& node) {
    QStringList lines;
    for (const Attribute& a : node.attributes) {
        if (lines.size() == maxListedAttributes) {
            lines << QStringLiteral("&nbsp;&nbsp;…");
            break;
        }
        lines << QStringLiteral("&nbsp;&nbsp;%1 = %2").arg(html(a.name), html(attributeText(a)));
    }
    return lines.join(QStringLiteral("<br/>"));
}

} // namespace

QString boxToolTip(const Graph& graph, const GraphSceneNode& box) {
    if (box.kind != GraphSceneNode::Kind::Operator) {
        const QString role = box.kind == GraphSceneNode::Kind::GraphInput ? tr("Graph input") : tr("Graph output");
        return QStringLiteral("<b>%1</b> %2<br/>%3").arg(role, html(box.title), typeAndShape(graph, box.title));
    }
    const Node& node = graph.nodes.at(static_cast<size_t>(box.irNodeIndex));
    QString text = QStringLiteral("<b>%1</b> &nbsp;%2<br/><small>%3%4</small>")
                       .arg(html(node.opType), html(node.name), QString::fromUtf8(opCategoryName(box.category)),
                            node.domain.empty() ? QString() : QStringLiteral(" · ") + html(node.domain));
    const QString inputs = tensorLines(graph, node, node.inputs, true);
    if (!inputs.isEmpty())
        text += QStringLiteral("<br/><b>%1</b><br/>%2").arg(tr("Inputs"), inputs);
    const QString outputs = tensorLines(graph, node, node.outputs, false);
    if (!outputs.isEmpty())
        text += QStringLiteral("<br/><b>%1</b><br/>%2").arg(tr("Outputs"), outputs);
    const QString attributes = attributeLines(node);
    if (!attributes.isEmpty())
        text += QStringLiteral("<br/><b>%1</b><br/>%2").arg(tr("Attributes"), attributes);
    return text;
}

QString tensorToolTip(const Graph& graph, const std::string& tensorName) {
    return QStringLiteral("<b>%1</b><br/>%2").arg(html(tensorName), typeAndShape(graph, tensorName));
}

} // namespace qs
