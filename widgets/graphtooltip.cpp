#include "graphtooltip.h"

#include "chartstyle.h"

#include <QCoreApplication>
#include <QStringList>

namespace qs {
namespace {

constexpr int maxListedAttributes = 12;
constexpr size_t maxListedValues = 8;

QString html(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

/// The translation context of the tooltips' words.
struct GraphToolTip {
    Q_DECLARE_TR_FUNCTIONS(qs::GraphToolTip)
};

/// opCategoryName() in the interface language.
QString categoryName(OpCategory category) {
    switch (category) {
    case OpCategory::Layer:
        return GraphToolTip::tr("Layer");
    case OpCategory::Activation:
        return GraphToolTip::tr("Activation");
    case OpCategory::Normalization:
        return GraphToolTip::tr("Normalization");
    case OpCategory::Pooling:
        return GraphToolTip::tr("Pooling");
    case OpCategory::Shape:
        return GraphToolTip::tr("Shape");
    case OpCategory::Math:
        return GraphToolTip::tr("Math");
    case OpCategory::DataMovement:
        return GraphToolTip::tr("Data movement");
    case OpCategory::Quantization:
        return GraphToolTip::tr("Quantization");
    case OpCategory::ControlFlow:
        return GraphToolTip::tr("Control flow");
    case OpCategory::InputOutput:
        return GraphToolTip::tr("Input/output");
    case OpCategory::Other:
        break;
    }
    return GraphToolTip::tr("Other");
}

QString typeAndShape(const Graph& graph, const std::string& tensorName) {
    const auto init = graph.initializers.find(tensorName);
    if (init != graph.initializers.end())
        return html(dataTypeName(init->second.type) + " " + formatDims(init->second.dims)) + " " +
               GraphToolTip::tr("(initializer)");
    const auto info = graph.valueInfos.find(tensorName);
    if (info == graph.valueInfos.end())
        return GraphToolTip::tr("type unknown");
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
    case Attribute::Kind::Float:
        return std::to_string(a.f);
    case Attribute::Kind::Int:
        return std::to_string(a.i);
    case Attribute::Kind::String:
        return "\"" + a.s + "\"";
    case Attribute::Kind::Floats:
        return listText(a.floats);
    case Attribute::Kind::Ints:
        return listText(a.ints);
    case Attribute::Kind::Strings:
        return QCoreApplication::translate("qs::GraphToolTip", "%n string(s)", nullptr, int(a.strings.size()))
            .toStdString();
    case Attribute::Kind::Tensor:
        return "tensor";
    case Attribute::Kind::Graph:
        return "graph";
    case Attribute::Kind::Tensors:
        return QCoreApplication::translate("qs::GraphToolTip", "%n tensor(s)", nullptr, int(a.tensors.size()))
            .toStdString();
    case Attribute::Kind::Graphs:
        return QCoreApplication::translate("qs::GraphToolTip", "%n graph(s)", nullptr, int(a.graphs.size()))
            .toStdString();
    case Attribute::Kind::Undefined:
        break;
    }
    return "?";
}

QString tensorLines(const Graph& graph, const Node& node, const std::vector<std::string>& names,
                    bool inputs) {
    QStringList lines;
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty())
            continue;
        const QString slot = inputs ? html(inputSlotName(node.opType, i)) : QString::number(i);
        lines << QStringLiteral("&nbsp;&nbsp;%1: %2 &nbsp;<i>%3</i>")
                     .arg(slot, html(names[i]), typeAndShape(graph, names[i]));
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
        const QString role = box.kind == GraphSceneNode::Kind::GraphInput ? GraphToolTip::tr("Graph input")
                                                                          : GraphToolTip::tr("Graph output");
        return QStringLiteral("<b>%1</b> %2<br/>%3")
            .arg(role, html(box.title), typeAndShape(graph, box.title));
    }
    const Node& node = graph.nodes.at(static_cast<size_t>(box.irNodeIndex));
    QString text = QStringLiteral("<b>%1</b> &nbsp;%2<br/><small>%3%4</small>")
                       .arg(html(node.opType), html(node.name), categoryName(box.category),
                            node.domain.empty() ? QString() : QStringLiteral(" · ") + html(node.domain));
    const QString inputs = tensorLines(graph, node, node.inputs, true);
    if (!inputs.isEmpty())
        text += QStringLiteral("<br/><b>%1</b><br/>%2").arg(GraphToolTip::tr("Inputs"), inputs);
    const QString outputs = tensorLines(graph, node, node.outputs, false);
    if (!outputs.isEmpty())
        text += QStringLiteral("<br/><b>%1</b><br/>%2").arg(GraphToolTip::tr("Outputs"), outputs);
    const QString attributes = attributeLines(node);
    if (!attributes.isEmpty())
        text += QStringLiteral("<br/><b>%1</b><br/>%2").arg(GraphToolTip::tr("Attributes"), attributes);
    return text;
}

QString tensorToolTip(const Graph& graph, const std::string& tensorName) {
    return QStringLiteral("<b>%1</b><br/>%2").arg(html(tensorName), typeAndShape(graph, tensorName));
}

QString heatMapToolTip(const QString& metricName, double value, const ErrorBands& bands,
                       const QString& details) {
    const ErrorBand band = bands.band(value);
    QString text = band == ErrorBand::Unmeasured
                       ? GraphToolTip::tr("<b>%1</b>: not measured").arg(metricName.toHtmlEscaped())
                       : GraphToolTip::tr("<b>%1</b>: %2 (%3)")
                             .arg(metricName.toHtmlEscaped(), formatSqnrDb(value), errorBandName(band));
    const QStringList lines = details.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines)
        text += QStringLiteral("<br/>&nbsp;&nbsp;") + line.toHtmlEscaped();
    return text;
}

} // namespace qs
