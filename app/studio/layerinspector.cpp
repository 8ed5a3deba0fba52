#include "layerinspector.h"

#include "document.h"
#include "strategyeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace qs {

namespace {

const SchemeKind kKinds[] = {SchemeKind::Uniform, SchemeKind::Log, SchemeKind::Codebook, SchemeKind::Float};
const char* const kMethods[] = {"mse", "percentile", "entropy", "minmax"};

int kindIndex(SchemeKind kind) {
    for (int i = 0; i < 4; ++i)
        if (kKinds[i] == kind)
            return i;
    return 0;
}

/// schemeSourceName() in the interface language.
QString sourceName(SchemeSource source) {
    switch (source) {
    case SchemeSource::Default:
        break;
    case SchemeSource::Override:
        return LayerInspector::tr("override");
    case SchemeSource::FloatLayers:
        return LayerInspector::tr("float layer");
    case SchemeSource::FloatOpTypes:
        return LayerInspector::tr("float op type");
    case SchemeSource::Forced:
        return LayerInspector::tr("forced");
    }
    return LayerInspector::tr("default");
}

} // namespace

LayerInspector::LayerInspector(Document* document, StrategyEditor* editor, QWidget* parent)
    : QWidget(parent), m_document(document), m_editor(editor) {
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);

    m_weightKind = new QComboBox(this);
    m_weightKind->addItems({tr("Uniform"), tr("Logarithmic"), tr("Codebook (k-means)"), tr("Float")});
    m_weightKind->setToolTip(
        tr("How the weights are stored: uniform integers, powers of two, a k-means codebook "
           "of 2^bits values, or unchanged float."));
    m_bits = new QSpinBox(this);
    m_bits->setSuffix(tr(" bits"));
    m_bits->setToolTip(tr("Bits per weight. Uniform: 2-16, log: 3-8, codebook: 1-8."));
    m_granularity = new QComboBox(this);
    m_granularity->addItems({tr("Per tensor"), tr("Per channel")});
    m_granularity->setToolTip(tr("One scale (or codebook) for the whole weight, or one per output channel."));
    m_symmetric = new QCheckBox(tr("Symmetric range"), this);
    m_symmetric->setToolTip(
        tr("Uniform weights only: a range centred on zero (zero is exact), else [min, max]."));
    m_activations = new QComboBox(this);
    m_activations->addItems({tr("8-bit"), tr("16-bit"), tr("Float")});
    m_activations->setToolTip(tr("The layer's input and output activations: uniform 8 or 16 bit, or float."));
    m_keepFloat = new QCheckBox(tr("Keep layer float"), this);
    m_keepFloat->setToolTip(
        tr("Leave weights and activations of the layer in float (the float_layers list)."));
    m_source = new QLabel(this);
    m_source->setEnabled(false);

    m_rangeMethod = new QComboBox(this);
    m_rangeMethod->addItems({tr("MSE"), tr("Percentile"), tr("Entropy (KL)"), tr("Min-max")});
    m_rangeMethod->setToolTip(
        tr("How this layer's activation clipping range is chosen from its calibration "
           "histogram; no new calibration is needed. Quantize → Default Range Method sets "
           "it for every layer without its own."));
    m_percentile = new QDoubleSpinBox(this);
    m_percentile->setRange(50.0, 100.0);
    m_percentile->setDecimals(3);
    m_percentile->setSingleStep(0.01);
    m_percentile->setSuffix(QStringLiteral(" %"));
    m_percentile->setValue(CalibrationSettings().percentile);
    m_percentile->setToolTip(tr("Share of |x| kept inside the range by the percentile method."));

    auto* weights = new QGroupBox(tr("Weights"), this);
    auto* weightForm = new QFormLayout(weights);
    weightForm->addRow(tr("Scheme"), m_weightKind);
    weightForm->addRow(tr("Bits"), m_bits);
    weightForm->addRow(tr("Granularity"), m_granularity);
    weightForm->addRow(QString(), m_symmetric);
    auto* activations = new QGroupBox(tr("Activations"), this);
    auto* activationForm = new QFormLayout(activations);
    activationForm->addRow(tr("Precision"), m_activations);
    activationForm->addRow(tr("Range method"), m_rangeMethod);
    activationForm->addRow(tr("Percentile"), m_percentile);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_keepFloat);
    layout->addWidget(weights);
    layout->addWidget(activations);
    layout->addWidget(m_source);
    layout->addStretch(1);

    connect(m_weightKind, QOverload<int>::of(&QComboBox::activated), this, &LayerInspector::emitWeightKind);
    connect(m_bits, QOverload<int>::of(&QSpinBox::valueChanged), this, [this](int bits) {
        if (!m_updating)
            m_editor->setSchemeField(m_layers, TensorRole::Weight, SchemeField::Bits, bits);
    });
    connect(m_granularity, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        m_editor->setSchemeField(m_layers, TensorRole::Weight, SchemeField::Granularity,
                                 int(index == 1 ? Granularity::PerChannel : Granularity::PerTensor));
    });
    connect(m_symmetric, &QCheckBox::toggled, this, [this](bool symmetric) {
        if (!m_updating)
            m_editor->setSchemeField(m_layers, TensorRole::Weight, SchemeField::Symmetric, symmetric);
    });
    connect(m_activations, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        if (index == 2)
            m_editor->setSchemeField(m_layers, TensorRole::Activation, SchemeField::Kind,
                                     int(SchemeKind::Float));
        else
            m_editor->setSchemeField(m_layers, TensorRole::Activation, SchemeField::Bits,
                                     index == 1 ? 16 : 8);
    });
    connect(m_keepFloat, &QCheckBox::toggled, this, [this](bool keep) {
        if (!m_updating)
            m_editor->keepFloat(m_layers, keep);
    });
    connect(m_rangeMethod, QOverload<int>::of(&QComboBox::activated), this, &LayerInspector::emitRangeMethod);
    connect(m_percentile, &QDoubleSpinBox::editingFinished, this, &LayerInspector::emitRangeMethod);

    connect(document, &Document::strategyChanged, this, &LayerInspector::refresh);
    connect(document, &Document::modelChanged, this, [this] { setLayers({}); });
    refresh();
}

void LayerInspector::setLayers(const QStringList& layers) {
    m_layers = layers;
    refresh();
}

void LayerInspector::emitWeightKind(int index) {
    m_editor->setSchemeField(m_layers, TensorRole::Weight, SchemeField::Kind, int(kKinds[index]));
}

void LayerInspector::emitRangeMethod() {
    if (m_updating || m_layers.isEmpty())
        return;
    const int index = std::clamp(m_rangeMethod->currentIndex(), 0, 3);
    m_editor->setLayerRange(m_layers, QString::fromLatin1(kMethods[index]), m_percentile->value());
}

void LayerInspector::refresh() {
    const LayerPlan* plan =
        m_layers.isEmpty() ? nullptr : m_document->plan().findLayer(m_layers.front().toStdString());
    for (QWidget* control :
         std::initializer_list<QWidget*>{m_weightKind, m_bits, m_granularity, m_symmetric, m_activations,
                                         m_keepFloat, m_rangeMethod, m_percentile})
        control->setEnabled(plan != nullptr);
    if (!plan) {
        m_title->setText(m_document->model() ? tr("Select a layer in the graph or the table.") : QString());
        m_source->clear();
        return;
    }
    const QString first = QString::fromStdString(plan->layer.nodeName);
    m_title->setText(
        m_layers.size() == 1
            ? tr("<b>%1</b> (%2)").arg(first.toHtmlEscaped(), QString::fromStdString(plan->layer.opType))
            : tr("<b>%n layers</b>, showing %1", nullptr, int(m_layers.size())).arg(first.toHtmlEscaped()));
    showPlan(*plan);
}

void LayerInspector::showPlan(const LayerPlan& plan) {
    m_updating = true;
    const QSignalBlocker blocks[] = {QSignalBlocker(m_weightKind),  QSignalBlocker(m_bits),
                                     QSignalBlocker(m_granularity), QSignalBlocker(m_symmetric),
                                     QSignalBlocker(m_activations), QSignalBlocker(m_keepFloat)};
    const QuantScheme& weights = plan.weights;
    const bool floatWeights = weights.kind == SchemeKind::Float;
    m_weightKind->setCurrentIndex(kindIndex(weights.kind));
    m_bits->setEnabled(!floatWeights);
    if (!floatWeights) {
        m_bits->setRange(minimumWeightBits(weights.kind), maximumWeightBits(weights.kind));
        m_bits->setValue(weights.bits);
    }
    m_granularity->setEnabled(!floatWeights);
    m_granularity->setCurrentIndex(weights.granularity == Granularity::PerChannel ? 1 : 0);
    m_symmetric->setEnabled(weights.kind == SchemeKind::Uniform);
    m_symmetric->setChecked(weights.rangeMode == RangeMode::Symmetric);
    const bool forced = plan.activationSource == SchemeSource::Forced;
    m_activations->setEnabled(!forced && plan.activationSource != SchemeSource::FloatOpTypes);
    m_activations->setToolTip(
        forced ? tr("An embedding lookup has no float input to quantize.")
               : tr("The layer's input and output activations: uniform 8 or 16 bit, or float."));
    m_activations->setCurrentIndex(plan.activations.kind == SchemeKind::Float ? 2
                                   : plan.activations.bits == 16              ? 1
                                                                              : 0);
    const bool opTypeFloat = plan.weightSource == SchemeSource::FloatOpTypes;
    m_keepFloat->setChecked(plan.weightSource == SchemeSource::FloatLayers || opTypeFloat);
    m_keepFloat->setEnabled(!opTypeFloat);
    m_weightKind->setEnabled(!opTypeFloat);
    const bool quantizedActivations = plan.activations.kind != SchemeKind::Float;
    {
        const QSignalBlocker blockMethod(m_rangeMethod);
        const QSignalBlocker blockPercentile(m_percentile);
        for (int i = 0; i < 4; ++i)
            if (plan.range.method == kMethods[i])
                m_rangeMethod->setCurrentIndex(i);
        m_percentile->setValue(plan.range.percentile);
        m_rangeMethod->setEnabled(quantizedActivations);
        m_percentile->setEnabled(quantizedActivations && plan.range.method == "percentile");
    }
    m_source->setText(tr("Scheme from: %1%2")
                          .arg(sourceName(plan.weightSource),
                               plan.rangeOverridden ? tr("; range method set for this layer") : QString()));
    m_updating = false;
}

} // namespace qs
