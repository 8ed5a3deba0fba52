#include "flipsbrowser.h"

#include <catch2/catch.hpp>

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

using qs::FlipsBrowser;
using qs::ImageOutcomeModel;
using qs::ImageOutcomeProxyModel;
using qs::ImageOutcomeRow;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString demoImage(const QString& relativePath) {
    return QStringLiteral(QS_SOURCE_DIR "/resources/demo/eval/") + relativePath;
}

/// `count` outcomes from a fixed pseudo-random sequence: classes 0..11, about one in four changed, and some
/// numbers unknown. The `flipped` flags are left false: the model derives them from the classes.
QVector<ImageOutcomeRow> pseudoRandomOutcomes(int count) {
    QVector<ImageOutcomeRow> outcomes;
    unsigned state = 12345u;
    const auto next = [&state](unsigned range) {
        state = state * 1103515245u + 12345u;
        return (state >> 8) % range;
    };
    for (int i = 0; i < count; ++i) {
        ImageOutcomeRow outcome;
        outcome.filePath = QStringLiteral("/data/eval/img_%1.png").arg(i, 3, 10, QLatin1Char('0'));
        outcome.floatClass = int(next(12));
        outcome.label = next(5) == 0 ? int(next(12)) : outcome.floatClass;
        outcome.quantizedClass = next(4) == 0 ? int(next(12)) : outcome.floatClass;
        outcome.floatConfidence = 0.3 + 0.7 * double(next(1000)) / 1000.0;
        outcome.quantizedConfidence = next(10) == 0 ? kNaN : 0.2 + 0.8 * double(next(1000)) / 1000.0;
        outcome.outputSqnrDb = next(15) == 0 ? kNaN : 150.0 * double(next(1000)) / 1000.0;
        outcomes << outcome;
    }
    return outcomes;
}

QStringList proxyPaths(const ImageOutcomeProxyModel& proxy) {
    QStringList paths;
    for (int row = 0; row < proxy.rowCount(); ++row)
        paths << proxy.index(row, 0).data(ImageOutcomeModel::FilePathRole).toString();
    return paths;
}

const ImageOutcomeRow& outcomeOf(const QVector<ImageOutcomeRow>& outcomes, const QString& path) {
    return *std::find_if(outcomes.begin(), outcomes.end(),
                         [&path](const ImageOutcomeRow& outcome) { return outcome.filePath == path; });
}

FlipsBrowser::LayerErrors demoLayerErrors() {
    return {{"conv1", 45.0}, {"relu1", kNaN}, {"conv2", 28.0}, {"conv2b", 20.0},
            {"conv3", 17.5}, {"conv4", 12.0}, {"fc", 8.0}};
}

QVector<ImageOutcomeRow> demoOutcomes() {
    QVector<ImageOutcomeRow> outcomes;
    const auto add = [&outcomes](const QString& path, int label, int floatClass, double floatConfidence,
                                 int quantizedClass, double quantizedConfidence, double sqnrDb) {
        ImageOutcomeRow outcome;
        outcome.filePath = path;
        outcome.label = label;
        outcome.floatClass = floatClass;
        outcome.floatConfidence = floatConfidence;
        outcome.quantizedClass = quantizedClass;
        outcome.quantizedConfidence = quantizedConfidence;
        outcome.outputSqnrDb = sqnrDb;
        outcome.flipped = floatClass != quantizedClass;
        outcomes << outcome;
    };
    add(demoImage("3_Dress/test_00013.png"), 3, 3, 0.91, 0, 0.47, 9.1);
    add(demoImage("6_Shirt/test_00004.png"), 6, 6, 0.55, 2, 0.62, 7.4);
    add(demoImage("0_T-shirt_top/test_00019.png"), 0, 0, 0.88, 0, 0.81, 18.3);
    add(demoImage("1_Trouser/test_00002.png"), 1, 1, 0.99, 1, 0.99, 31.0);
    add(QStringLiteral("/nonexistent/missing_image.png"), 7, 7, 0.97, 7, 0.95, 25.5);
    return outcomes;
}

} // namespace

TEST_CASE("ImageOutcomeModel flips filter lists exactly the images whose class changed", "[widgets][flips]") {
    const QVector<ImageOutcomeRow> outcomes = pseudoRandomOutcomes(120);
    QSet<QString> expected;
    for (const ImageOutcomeRow& outcome : outcomes)
        if (outcome.floatClass != outcome.quantizedClass)
            expected.insert(outcome.filePath);
    REQUIRE(expected.size() > 10);
    REQUIRE(expected.size() < 110);

    ImageOutcomeModel model;
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ImageOutcomeProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOutcomes(outcomes);
    CHECK(model.rowCount() == outcomes.size());
    CHECK(model.flippedCount() == expected.size());

    proxy.setImageFilter(qs::ImageFilter::FlippedOnly);
    const QStringList flipped = proxyPaths(proxy);
    CHECK(flipped.size() == expected.size());
    CHECK(QSet<QString>(flipped.begin(), flipped.end()) == expected);

    proxy.setImageFilter(qs::ImageFilter::All);
    CHECK(proxy.rowCount() == outcomes.size());
}

namespace {

/// Whether the known values are in `order` and every NaN comes after them.
bool sortedWithUnknownLast(const QVector<double>& values, Qt::SortOrder order) {
    const auto firstUnknown =
        std::find_if(values.begin(), values.end(), [](double value) { return std::isnan(value); });
    if (std::any_of(firstUnknown, values.end(), [](double value) { return !std::isnan(value); }))
        return false;
    return order == Qt::AscendingOrder ? std::is_sorted(values.begin(), firstUnknown)
                                       : std::is_sorted(values.begin(), firstUnknown, std::greater<double>());
}

} // namespace

TEST_CASE("ImageOutcomeModel ranks flips by confidence, then the rest by output error", "[widgets][flips]") {
    const QVector<ImageOutcomeRow> outcomes = pseudoRandomOutcomes(80);
    ImageOutcomeModel model;
    model.setOutcomes(outcomes);
    const int flippedCount = model.flippedCount();
    REQUIRE(flippedCount > 0);
    QVector<double> flippedConfidences;
    QVector<double> otherSqnrs;
    for (int row = 0; row < model.rowCount(); ++row) {
        const ImageOutcomeRow& given = outcomeOf(outcomes, model.outcomeAt(row)->filePath);
        const bool changed = given.floatClass != given.quantizedClass;
        INFO("row " << row);
        CHECK((row < flippedCount) == changed);
        CHECK(model.index(row, ImageOutcomeModel::RankColumn).data().toInt() == row + 1);
        if (changed)
            flippedConfidences << given.quantizedConfidence;
        else
            otherSqnrs << given.outputSqnrDb;
    }
    CHECK(sortedWithUnknownLast(flippedConfidences, Qt::DescendingOrder));
    CHECK(sortedWithUnknownLast(otherSqnrs, Qt::AscendingOrder));
    CHECK(std::any_of(otherSqnrs.begin(), otherSqnrs.end(), [](double value) { return std::isnan(value); }));
}

TEST_CASE("ImageOutcomeModel sorts number columns numerically with unknowns last", "[widgets][flips]") {
    QVector<ImageOutcomeRow> outcomes = pseudoRandomOutcomes(40);
    outcomes[0].outputSqnrDb = 100.0; // sorted as text, "100" would come before "9"
    outcomes[1].outputSqnrDb = 9.0;
    outcomes[2].outputSqnrDb = 2.5;
    outcomes[3].label = 10;
    outcomes[4].label = 2;
    ImageOutcomeModel model;
    model.setOutcomes(outcomes);
    ImageOutcomeProxyModel proxy;
    proxy.setSourceModel(&model);

    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        proxy.sort(ImageOutcomeModel::OutputSqnrColumn, order);
        QVector<double> known;
        QVector<double> expected;
        int unknown = 0;
        bool unknownSeen = false;
        bool knownAfterUnknown = false;
        for (int row = 0; row < proxy.rowCount(); ++row) {
            const double sqnrDb = outcomeOf(outcomes, proxyPaths(proxy)[row]).outputSqnrDb;
            if (std::isnan(sqnrDb)) {
                ++unknown;
                unknownSeen = true;
                continue;
            }
            knownAfterUnknown = knownAfterUnknown || unknownSeen;
            known << sqnrDb;
        }
        for (const ImageOutcomeRow& outcome : outcomes)
            if (!std::isnan(outcome.outputSqnrDb))
                expected << outcome.outputSqnrDb;
        std::sort(expected.begin(), expected.end());
        if (order == Qt::DescendingOrder)
            std::reverse(expected.begin(), expected.end());
        CHECK(known == expected);
        CHECK(unknown > 0);
        CHECK_FALSE(knownAfterUnknown);
    }

    proxy.sort(ImageOutcomeModel::LabelColumn, Qt::AscendingOrder);
    QVector<int> labels;
    for (const QString& path : proxyPaths(proxy))
        labels << outcomeOf(outcomes, path).label;
    CHECK(std::is_sorted(labels.begin(), labels.end()));
    CHECK(labels.contains(10));

    proxy.sort(ImageOutcomeModel::RankColumn, Qt::AscendingOrder);
    for (int row = 0; row < proxy.rowCount(); ++row)
        CHECK(proxyPaths(proxy)[row] == model.outcomeAt(row)->filePath);
}

TEST_CASE("ImageOutcomeModel shows class names and ranks a non-classifier by output error",
          "[widgets][flips]") {
    ImageOutcomeModel model;
    model.setClassNames({"T-shirt", "Trouser", "Pullover", "Dress"});
    QVector<ImageOutcomeRow> outcomes(4);
    const double sqnrs[] = {30.0, 5.0, kNaN, 12.0};
    for (int i = 0; i < outcomes.size(); ++i) {
        outcomes[i].filePath = QStringLiteral("/x/%1.png").arg(i);
        outcomes[i].outputSqnrDb = sqnrs[i];
    }
    model.setOutcomes(outcomes);
    CHECK_FALSE(model.hasClasses());
    CHECK(model.flippedCount() == 0);
    QVector<double> ranked;
    for (int row = 0; row < model.rowCount(); ++row)
        ranked << model.outcomeAt(row)->outputSqnrDb;
    CHECK(ranked.mid(0, 3) == QVector<double>{5.0, 12.0, 30.0});
    CHECK(std::isnan(ranked[3]));
    CHECK(model.classText(3) == QString::fromUtf8("3 · Dress"));
    CHECK(model.classText(7) == "7");
    CHECK(model.classText(-1).isEmpty());
    CHECK(model.index(0, ImageOutcomeModel::ImageColumn).data().toString() == "1.png");
    CHECK(model.index(0, ImageOutcomeModel::ImageColumn).data(Qt::ToolTipRole).toString() == "/x/1.png");

    FlipsBrowser browser;
    browser.setOutcomes(outcomes);
    CHECK(browser.imageFilter() == qs::ImageFilter::All);
    CHECK(browser.proxyModel()->rowCount() == 4);
    CHECK(browser.summaryText().contains("output error"));
}

TEST_CASE("FlipsBrowser emits the chosen image and shows its picture and predictions", "[widgets][flips]") {
    FlipsBrowser browser;
    browser.resize(1000, 600);
    browser.setClassNames({"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                           "Sneaker", "Bag", "Ankle boot"});
    const QVector<ImageOutcomeRow> outcomes = demoOutcomes();
    browser.setOutcomes(outcomes);
    browser.show();
    REQUIRE(QTest::qWaitForWindowExposed(&browser));
    CHECK(browser.summaryText().startsWith("2 of 5 images change their top-1 class"));
    CHECK(browser.imageFilter() == qs::ImageFilter::FlippedOnly);
    REQUIRE(browser.proxyModel()->rowCount() == 2);

    QSignalSpy chosen(&browser, &FlipsBrowser::imageChosen);
    QTableView* table = browser.tableView();
    const QModelIndex second = browser.proxyModel()->index(1, ImageOutcomeModel::ImageColumn);
    const QString secondPath = second.data(ImageOutcomeModel::FilePathRole).toString();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(second).center());
    REQUIRE(chosen.count() == 1);
    CHECK(chosen.at(0).at(0).toString() == secondPath);
    CHECK(browser.chosenImage() == secondPath);
    // Flipped rows rank by quantized confidence: the shirt called a pullover (62 %) before the dress (47 %).
    CHECK(secondPath == outcomes[0].filePath);
    CHECK(browser.isImageShown());
    CHECK(browser.imageMessageText().isEmpty());
    CHECK(browser.predictionText().contains(QString::fromUtf8("3 · Dress")));
    CHECK(browser.predictionText().contains(QString::fromUtf8("0 · T-shirt/top")));

    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(second).center());
    CHECK(chosen.count() == 1);

    browser.setImageFilter(qs::ImageFilter::All);
    CHECK(browser.proxyModel()->rowCount() == 5);
    CHECK(chosen.count() == 1);
    CHECK(browser.chosenImage() == secondPath);

    browser.chooseImage(QStringLiteral("/nonexistent/missing_image.png"));
    REQUIRE(chosen.count() == 2);
    CHECK(chosen.at(1).at(0).toString() == "/nonexistent/missing_image.png");
    CHECK_FALSE(browser.isImageShown());
    CHECK(browser.imageMessageText().contains("missing_image.png"));
}

TEST_CASE("FlipsBrowser ignores layer errors of an image no longer chosen", "[widgets][flips]") {
    FlipsBrowser browser;
    const QVector<ImageOutcomeRow> outcomes = demoOutcomes();
    browser.setOutcomes(outcomes);
    const QString first = outcomes[0].filePath;
    const QString second = outcomes[1].filePath;

    browser.chooseImage(first);
    browser.setLayerErrorsPending(first);
    CHECK(browser.layerStatusText().contains("Computing"));
    browser.chooseImage(second);
    browser.setLayerErrors(first, demoLayerErrors());
    CHECK(browser.layerErrors().isEmpty());
    CHECK(browser.layerList()->topLevelItemCount() == 0);
    CHECK(browser.divergenceLayer().isEmpty());
    browser.setLayerErrorsPending(first);
    CHECK_FALSE(browser.layerStatusText().contains("Computing"));

    browser.setLayerErrorsPending(second);
    CHECK(browser.layerStatusText().contains("Computing"));
    browser.setLayerErrors(second, demoLayerErrors());
    REQUIRE(browser.layerErrors().size() == demoLayerErrors().size());
    for (int i = 0; i < demoLayerErrors().size(); ++i) {
        CHECK(browser.layerErrors()[i].first == demoLayerErrors()[i].first);
        const double shown = browser.layerErrors()[i].second;
        const double given = demoLayerErrors()[i].second;
        CHECK((shown == given || (std::isnan(shown) && std::isnan(given))));
    }
    CHECK(browser.layerList()->topLevelItemCount() == demoLayerErrors().size());
}

TEST_CASE("FlipsBrowser marks the first layer below the fair band", "[widgets][flips]") {
    const FlipsBrowser::LayerErrors errors = demoLayerErrors();
    const double fairDb = qs::defaultErrorBands().fairSqnrDb;
    QString expected;
    for (const auto& [layer, sqnrDb] : errors)
        if (!std::isnan(sqnrDb) && sqnrDb < fairDb) {
            expected = layer;
            break;
        }
    REQUIRE(expected == "conv3");

    FlipsBrowser browser;
    const QVector<ImageOutcomeRow> outcomes = demoOutcomes();
    browser.setOutcomes(outcomes);
    browser.chooseImage(outcomes[0].filePath);
    browser.setLayerErrors(outcomes[0].filePath, errors);
    CHECK(browser.divergenceLayer() == expected);
    CHECK(browser.layerStatusText().contains("Diverges at <b>conv3</b>"));
    const QTreeWidgetItem* marked = browser.layerList()->topLevelItem(4);
    CHECK(marked->text(0) == "conv3");
    CHECK(marked->font(0).bold());
    CHECK_FALSE(marked->text(2).isEmpty());
    CHECK(browser.layerList()->topLevelItem(3)->text(2).isEmpty());

    qs::ErrorBands stricter;
    stricter.fairSqnrDb = 30.0;
    browser.setErrorBands(stricter);
    CHECK(browser.divergenceLayer() == "conv2");
    CHECK(FlipsBrowser::divergenceIndex(errors, 5.0) == -1);
    CHECK(FlipsBrowser::divergenceIndex({}, 20.0) == -1);

    QSignalSpy clicked(&browser, &FlipsBrowser::layerClicked);
    browser.resize(900, 600);
    browser.show();
    REQUIRE(QTest::qWaitForWindowExposed(&browser));
    QTreeWidget* list = browser.layerList();
    QTreeWidgetItem* conv4 = list->topLevelItem(5);
    list->scrollToItem(conv4);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(conv4).center());
    REQUIRE(clicked.count() == 1);
    CHECK(clicked.at(0).at(0).toString() == "conv4");
}

namespace {

/// Every demo evaluation image, as outcomes of a classifier: the folder's index is the label and the float
/// class; a fixed sequence makes about one in forty change class and spreads the output SQNR.
QVector<ImageOutcomeRow> demoEvaluation() {
    QVector<ImageOutcomeRow> outcomes;
    const QDir root(QStringLiteral(QS_SOURCE_DIR "/resources/demo/eval"));
    unsigned state = 7u;
    const auto next = [&state](unsigned range) {
        state = state * 1103515245u + 12345u;
        return (state >> 8) % range;
    };
    for (const QString& folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const int classIndex = folder.section(QLatin1Char('_'), 0, 0).toInt();
        for (const QString& file :
             QDir(root.filePath(folder)).entryList({"*.png"}, QDir::Files, QDir::Name)) {
            ImageOutcomeRow outcome;
            outcome.filePath = root.filePath(folder + QLatin1Char('/') + file);
            outcome.label = classIndex;
            outcome.floatClass = next(12) == 0 ? int(next(10)) : classIndex;
            outcome.floatConfidence = 0.45 + 0.55 * double(next(1000)) / 1000.0;
            const bool changes = next(40) == 0;
            outcome.quantizedClass =
                changes ? (outcome.floatClass + 1 + int(next(9))) % 10 : outcome.floatClass;
            outcome.quantizedConfidence =
                changes ? 0.3 + 0.5 * double(next(1000)) / 1000.0
                        : outcome.floatConfidence * (0.9 + 0.1 * double(next(100)) / 100.0);
            outcome.outputSqnrDb = (changes ? 4.0 : 12.0) + 22.0 * double(next(1000)) / 1000.0;
            outcomes << outcome;
        }
    }
    return outcomes;
}

void savePanel(QWidget& panel, const QString& name) {
    // Lay out what became visible since the last event loop pass, as the studio's event loop would.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QDir().mkpath(QStringLiteral(QS_BINARY_DIR "/panels"));
    CHECK(panel.grab().save(QStringLiteral(QS_BINARY_DIR "/panels/") + name));
}

} // namespace

TEST_CASE("FlipsBrowser shows a real evaluation", "[widgets][flips]") {
    const QVector<ImageOutcomeRow> outcomes = demoEvaluation();
    REQUIRE(outcomes.size() > 500);
    int changed = 0;
    for (const ImageOutcomeRow& outcome : outcomes)
        changed += outcome.floatClass != outcome.quantizedClass ? 1 : 0;
    REQUIRE(changed > 0);

    FlipsBrowser browser;
    browser.resize(1100, 640);
    browser.setClassNames({"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                           "Sneaker", "Bag", "Ankle boot"});
    browser.setOutcomes(outcomes);
    browser.show();
    REQUIRE(QTest::qWaitForWindowExposed(&browser));
    CHECK(browser.summaryText().startsWith(QStringLiteral("%1 of %2 images change their top-1 class")
                                               .arg(changed)
                                               .arg(QLocale().toString(outcomes.size()))));
    CHECK(browser.proxyModel()->rowCount() == changed);

    const QModelIndex first = browser.proxyModel()->index(0, 0);
    const QString path = first.data(ImageOutcomeModel::FilePathRole).toString();
    browser.chooseImage(path);
    browser.setLayerErrors(path, {{"/conv1/Conv", 41.2},
                                  {"/layer1/conv_dw/Conv", 36.8},
                                  {"/layer1/conv_pw/Conv", 33.1},
                                  {"/layer2/conv_dw/Conv", 27.4},
                                  {"/layer2/conv_pw/Conv", 24.0},
                                  {"/layer3/conv_dw/Conv", 16.2},
                                  {"/layer3/conv_pw/Conv", 13.9},
                                  {"/pool/GlobalAveragePool", kNaN},
                                  {"/classifier/Gemm", 9.7}});
    CHECK(browser.isImageShown());
    CHECK(browser.divergenceLayer() == "/layer3/conv_dw/Conv");
    const QPixmap picture = browser.findChild<QLabel*>("flipsPicture")->pixmap();
    CHECK(picture.width() > 28 * 3);
    savePanel(browser, "flips-browser.png");

    browser.setImageFilter(qs::ImageFilter::All);
    browser.setLayerErrorsPending(path);
    CHECK(browser.proxyModel()->rowCount() == outcomes.size());
    savePanel(browser, "flips-browser-all-pending.png");
}
