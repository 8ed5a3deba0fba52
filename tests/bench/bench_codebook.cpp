// Times CodebookQuantizer on 25 M Gaussian weights (target: at most 1 s on one core) and compares it, on a smaller
// tensor, with a naive Lloyd loop that assigns every weight to every centroid on each iteration.

#include "quant/codebookquantizer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <random>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<float> gaussianWeights(size_t count) {
    std::mt19937 generator(123);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    std::vector<float> weights(count);
    for (float& weight : weights)
        weight = normal(generator);
    return weights;
}

/// Textbook Lloyd iterations: O(n k) assignment per step, same density initialization and stopping rule.
std::vector<float> naiveLloyd(const std::vector<float>& weights, const std::vector<float>& initial, int maxIterations) {
    std::vector<float> centroids = initial;
    std::vector<int> assignment(weights.size(), -1);
    for (int iteration = 0; iteration < maxIterations; ++iteration) {
        bool changed = false;
        std::vector<double> sums(centroids.size(), 0.0);
        std::vector<double> counts(centroids.size(), 0.0);
        for (size_t i = 0; i < weights.size(); ++i) {
            int best = 0;
            float bestDistance = std::fabs(weights[i] - centroids[0]);
            for (size_t j = 1; j < centroids.size(); ++j) {
                const float distance = std::fabs(weights[i] - centroids[j]);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = static_cast<int>(j);
                }
            }
            changed = changed || assignment[i] != best;
            assignment[i] = best;
            sums[static_cast<size_t>(best)] += weights[i];
            counts[static_cast<size_t>(best)] += 1.0;
        }
        if (!changed)
            break;
        for (size_t j = 0; j < centroids.size(); ++j)
            if (counts[j] > 0.0)
                centroids[j] = static_cast<float>(sums[j] / counts[j]);
    }
    return centroids;
}

double timeQuantizer(const std::vector<float>& weights, int bits, double* mse, double* cpuSeconds) {
    qs::CodebookOptions options;
    options.bits = bits;
    const qs::CodebookQuantizer quantizer(options);
    const auto start = Clock::now();
    const std::clock_t cpuStart = std::clock();
    const qs::WeightQuantization result =
        quantizer.quantize({"bench", weights.data(), {static_cast<int64_t>(weights.size())}, 0});
    const double seconds = secondsSince(start);
    *cpuSeconds = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    *mse = result.meanSquaredError;
    return seconds;
}

} // namespace

int main() {
    constexpr size_t largeCount = 25'000'000;
    constexpr double targetSeconds = 1.0;
    const std::vector<float> large = gaussianWeights(largeCount);
    bool withinTarget = true;
    for (const int bits : {4, 8}) {
        double mse = 0.0;
        double cpuSeconds = 0.0;
        const double seconds = timeQuantizer(large, bits, &mse, &cpuSeconds);
        withinTarget = withinTarget && cpuSeconds <= targetSeconds;
        std::printf("codebook %d-bit, 25 M weights: %.3f s wall, %.3f s cpu (target <= %.1f s, ratio %.2f), mse %.3g\n",
                    bits, seconds, cpuSeconds, targetSeconds, cpuSeconds / targetSeconds, mse);
    }

    constexpr size_t smallCount = 1'000'000;
    const std::vector<float> small = gaussianWeights(smallCount);
    qs::CodebookOptions options;
    options.bits = 4;
    const qs::CodebookQuantizer quantizer(options);
    auto start = Clock::now();
    const qs::WeightQuantization fast = quantizer.quantize({"bench", small.data(), {int64_t(smallCount)}, 0});
    const double fastSeconds = secondsSince(start);
    const qs::KMeans1D seeding(16, qs::CodebookInit::Density, 1, 300);
    const std::vector<double> seeds = seeding.initialCentroids(qs::WeightedPoints::fromValues(small.data(), smallCount, 65536));
    start = Clock::now();
    const std::vector<float> reference = naiveLloyd(small, std::vector<float>(seeds.begin(), seeds.end()), 300);
    const double naiveSeconds = secondsSince(start);
    double naiveError = 0.0;
    for (const float weight : small) {
        double best = 1e30;
        for (const float centroid : reference)
            best = std::min(best, std::fabs(double(weight) - double(centroid)));
        naiveError += best * best;
    }
    naiveError /= double(smallCount);
    std::printf("codebook 4-bit, 1 M weights: %.3f s vs naive Lloyd %.3f s (speed-up %.1fx); mse %.4g vs naive %.4g "
                "(ratio %.4f)\n",
                fastSeconds, naiveSeconds, naiveSeconds / fastSeconds, fast.meanSquaredError, naiveError,
                fast.meanSquaredError / naiveError);
    return withinTarget ? 0 : 1;
}
