#include "diagnosispanel.h"

#include "palettecolors.h"

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>
#include <functional>

namespace qs {

namespace {

constexpr double kMaximumThresholdDb = 100.0;

/// A framed diagnosis that reports clicks outside its buttons.
class DiagnosisCard : public QFrame {
public:
    explicit DiagnosisCard(QWidget* parent) : QFrame(parent) {
        setFrameShape(QFrame::StyledPanel);
        setCursor(Qt::PointingHandCursor);
        setAutoFillBackground(true);
    }
    std::function<void()> clicked;

protected:
    void mousePressEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton && clicked)
            clicked();
        QFrame::mousePressEvent(event);
    }
};

QString decibels(double value) {
    return DiagnosisPanel::tr("%1 dB").arg(QLocale().toString(value, 'f', 1));
}

} // namespace

DiagnosisPanel::DiagnosisPanel(QWidget* parent) : QWidget(parent) {
    m_bands = defaultErrorBands();

    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("diagnosisThreshold"));
    m_threshold->setRange(0.0, kMaximumThresholdDb);
    m_threshold->setDecimals(1);
    m_threshold->setSingleStep(1.0);
    m_threshold->setSuffix(tr(" dB"));
    m_threshold->setKeyboardTracking(false);
    m_threshold->setValue(m_bands.fairSqnrDb);
    m_threshold->setToolTip(tr("Layers whose SQNR is below this value are diagnosed"));
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        updateEmptyText();
        emit thresholdChanged(value);
    });
    auto* thresholdLabel = new QLabel(tr("&Diagnose layers below"), this);
    thresholdLabel->setBuddy(m_threshold);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("diagnosisCount"));

    auto* top = new QHBoxLayout;
    top->addWidget(thresholdLabel);
    top->addWidget(m_threshold);
    top->addSpacing(12);
    top->addWidget(m_count, 1);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("diagnosisEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    m_cardsHolder = new QWidget(this);
    m_cardsLayout = new QVBoxLayout(m_cardsHolder);
    m_cardsLayout->setContentsMargins(2, 2, 2, 2);
    m_cardsLayout->setSpacing(6);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_cardsHolder);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_listStack = new QStackedWidget(this);
    m_listStack->addWidget(m_empty);
    m_listStack->addWidget(scroll);

    m_fixGroup = new QButtonGroup(this);
    m_fixGroup->setExclusive(true);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_listStack);
    splitter->addWidget(createPreview());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({340, 460});
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    setDiagnoses({});
}

QWidget* DiagnosisPanel::createPreview() {
    auto* preview = new QWidget(this);
    m_previewStatus = new QLabel(preview);
    m_previewStatus->setObjectName(QStringLiteral("fixPreviewStatus"));
    m_previewStatus->setTextFormat(Qt::PlainText);
    m_previewStatus->setWordWrap(true);
    m_preview = new HistogramView(preview);
    m_preview->setObjectName(QStringLiteral("fixPreview"));
    m_preview->setGridNames(tr("now"), tr("with the fix"));
    m_apply = new QPushButton(tr("Apply"), preview);
    m_apply->setObjectName(QStringLiteral("applyFixButton"));
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (!m_chosenLayer.isEmpty() && m_chosenFix >= 0)
            emit fixRequested(m_chosenLayer, m_chosenFix);
    });

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_apply);
    auto* layout = new QVBoxLayout(preview);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_previewStatus);
    layout->addWidget(m_preview, 1);
    layout->addLayout(buttons);
    return preview;
}

void DiagnosisPanel::setDiagnoses(const QVector<DiagnosisRow>& diagnoses) {
    const QString previousLabel = fixLabel(m_chosenDiagnosis, m_chosenFix);
    m_diagnoses = diagnoses;
    rebuildCards();
    updateEmptyText();
    m_chosenDiagnosis =
        previousLabel.isEmpty() ? -1 : diagnosisIndexOf(m_chosenLayer, m_chosenFix, previousLabel);
    if (m_chosenDiagnosis < 0) {
        m_chosenLayer.clear();
        m_chosenFix = -1;
        clearPreview(m_diagnoses.isEmpty()
                         ? QString()
                         : tr("Choose a fix to see the grid it would give before applying it."));
    } else if (QAbstractButton* button = fixButton(m_chosenDiagnosis, m_chosenFix)) {
        button->setChecked(true);
    }
    highlightChosenCard();
    updateApplyButton();
}

void DiagnosisPanel::setThresholdDb(double thresholdDb) {
    const QSignalBlocker blocker(m_threshold);
    m_threshold->setValue(thresholdDb);
    updateEmptyText();
}

double DiagnosisPanel::thresholdDb() const {
    return m_threshold->value();
}

void DiagnosisPanel::setErrorBands(const ErrorBands& bands) {
    m_bands = bands;
    rebuildCards();
    highlightChosenCard();
}

void DiagnosisPanel::rebuildCards() {
    for (QWidget* card : std::as_const(m_cards))
        delete card;
    m_cards.clear();
    m_fixButtons.clear();
    m_cardTexts.clear();
    while (QLayoutItem* item = m_cardsLayout->takeAt(0))
        delete item;
    for (int index = 0; index < m_diagnoses.size(); ++index) {
        QWidget* card = createCard(index);
        m_cards << card;
        m_cardsLayout->addWidget(card);
    }
    m_cardsLayout->addStretch(1);
    m_listStack->setCurrentIndex(m_diagnoses.isEmpty() ? 0 : 1);
}

QWidget* DiagnosisPanel::createCard(int index) {
    const DiagnosisRow& diagnosis = m_diagnoses[index];
    auto* card = new DiagnosisCard(m_cardsHolder);
    card->setObjectName(QStringLiteral("diagnosis_%1").arg(index));
    card->setToolTip(tr("Click to show %1 in the graph").arg(diagnosis.layer));
    const QString layer = diagnosis.layer;
    card->clicked = [this, layer] { emit layerClicked(layer); };

    const QColor bandColor(QRgb(errorBandColor(m_bands.band(diagnosis.sqnrDb))));
    const QString sqnr = std::isnan(diagnosis.sqnrDb) ? tr("not measured") : decibels(diagnosis.sqnrDb);
    auto* title = new QLabel(card);
    title->setTextFormat(Qt::RichText);
    title->setWordWrap(true);
    title->setText(
        tr("<span style=\"color:%1\">&#9632;</span> <b>%2</b> · %3 — %4")
            .arg(bandColor.name(), layer.toHtmlEscaped(), sqnr, diagnosis.kindTitle.toHtmlEscaped()));
    auto* reason = new QLabel(diagnosis.reason, card);
    reason->setTextFormat(Qt::PlainText);
    reason->setWordWrap(true);
    m_cardTexts << tr("%1 · %2 — %3\n%4").arg(layer, sqnr, diagnosis.kindTitle, diagnosis.reason);

    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(reason);

    QVector<QAbstractButton*> buttons;
    if (!diagnosis.fixes.isEmpty()) {
        auto* row = new QHBoxLayout;
        row->setSpacing(6);
        auto* fixesLabel = new QLabel(tr("Fixes:"), card);
        fixesLabel->setEnabled(false);
        row->addWidget(fixesLabel);
        for (int fix = 0; fix < diagnosis.fixes.size(); ++fix) {
            auto* button = new QPushButton(diagnosis.fixes[fix], card);
            button->setObjectName(QStringLiteral("fix_%1_%2").arg(index).arg(fix));
            button->setCheckable(true);
            button->setToolTip(tr("Preview “%1” on %2 before applying it").arg(diagnosis.fixes[fix], layer));
            m_fixGroup->addButton(button);
            connect(button, &QPushButton::clicked, this, [this, index, fix] { onFixClicked(index, fix); });
            row->addWidget(button);
            buttons << button;
        }
        row->addStretch(1);
        layout->addLayout(row);
    }
    m_fixButtons << buttons;
    return card;
}

void DiagnosisPanel::onFixClicked(int diagnosisIndex, int fixIndex) {
    QAbstractButton* button = fixButton(diagnosisIndex, fixIndex);
    if (!button)
        return;
    button->setChecked(true);
    m_chosenDiagnosis = diagnosisIndex;
    m_chosenLayer = m_diagnoses[diagnosisIndex].layer;
    m_chosenFix = fixIndex;
    clearPreview(
        tr("Computing the grid “%1” would give %2…").arg(fixLabel(diagnosisIndex, fixIndex), m_chosenLayer));
    highlightChosenCard();
    updateApplyButton();
    emit fixPreviewRequested(m_chosenLayer, fixIndex);
}

void DiagnosisPanel::chooseFix(const QString& layer, int fixIndex) {
    onFixClicked(diagnosisIndexOf(layer, fixIndex), fixIndex);
}

void DiagnosisPanel::setFixPreview(const QString& layer, int fixIndex, const FixPreview& preview) {
    if (layer != m_chosenLayer || fixIndex != m_chosenFix || fixIndex < 0)
        return;
    m_preview->setHistogram(preview.title.isEmpty() ? layer : preview.title, preview.histogram);
    m_preview->setGrid(preview.currentGrid);
    m_preview->setComparisonGrid(preview.fixGrid);
    m_hasPreview = true;
    m_previewStatus->setText(tr("Before applying “%1” to %2: its grid against the current one.")
                                 .arg(fixLabel(m_chosenDiagnosis, fixIndex), layer));
}

void DiagnosisPanel::setFixPreviewUnavailable(const QString& layer, int fixIndex, const QString& message) {
    if (layer != m_chosenLayer || fixIndex != m_chosenFix || fixIndex < 0)
        return;
    clearPreview(message);
    m_preview->clear(message);
}

void DiagnosisPanel::clearPreview(const QString& status) {
    m_hasPreview = false;
    m_preview->clear(tr("The preview of the chosen fix appears here."));
    m_previewStatus->setText(status);
    m_previewStatus->setVisible(!status.isEmpty());
}

void DiagnosisPanel::updateApplyButton() {
    const QString label = fixLabel(m_chosenDiagnosis, m_chosenFix);
    m_apply->setEnabled(!label.isEmpty());
    m_apply->setText(label.isEmpty() ? tr("Apply") : tr("Apply “%1” to %2").arg(label, m_chosenLayer));
}

void DiagnosisPanel::updateEmptyText() {
    const QString threshold = QLocale().toString(thresholdDb(), 'f', 1);
    m_empty->setText(tr("No layer below %1 dB").arg(threshold));
    const int count = int(m_diagnoses.size());
    if (count == 0)
        m_count->clear();
    else if (count == 1)
        m_count->setText(tr("1 layer below %1 dB").arg(threshold));
    else
        m_count->setText(tr("%1 layers below %2 dB").arg(QLocale().toString(count), threshold));
}

void DiagnosisPanel::highlightChosenCard() {
    for (int index = 0; index < m_cards.size(); ++index) {
        QWidget* card = m_cards[index];
        const bool chosen = index == m_chosenDiagnosis;
        QPalette palette = this->palette();
        if (chosen)
            palette.setColor(QPalette::Window, blendColors(palette.color(QPalette::Window),
                                                           palette.color(QPalette::Highlight), 0.15));
        card->setPalette(palette);
    }
}

int DiagnosisPanel::diagnosisIndexOf(const QString& layer, int fixIndex, const QString& label) const {
    for (int index = 0; index < m_diagnoses.size(); ++index) {
        const QString offered = fixLabel(index, fixIndex);
        if (m_diagnoses[index].layer == layer && !offered.isEmpty() && (label.isEmpty() || offered == label))
            return index;
    }
    return -1;
}

QString DiagnosisPanel::fixLabel(int diagnosisIndex, int fixIndex) const {
    if (diagnosisIndex < 0 || diagnosisIndex >= m_diagnoses.size() || fixIndex < 0 ||
        fixIndex >= m_diagnoses[diagnosisIndex].fixes.size())
        return {};
    return m_diagnoses[diagnosisIndex].fixes[fixIndex];
}

QString DiagnosisPanel::emptyText() const {
    return m_diagnoses.isEmpty() ? m_empty->text() : QString();
}

QString DiagnosisPanel::previewStatusText() const {
    return m_previewStatus->text();
}

QString DiagnosisPanel::diagnosisText(int index) const {
    return index >= 0 && index < m_cardTexts.size() ? m_cardTexts[index] : QString();
}

QAbstractButton* DiagnosisPanel::fixButton(int diagnosisIndex, int fixIndex) const {
    if (diagnosisIndex < 0 || diagnosisIndex >= m_fixButtons.size())
        return nullptr;
    const QVector<QAbstractButton*>& buttons = m_fixButtons[diagnosisIndex];
    return fixIndex >= 0 && fixIndex < buttons.size() ? buttons[fixIndex] : nullptr;
}

} // namespace qs
