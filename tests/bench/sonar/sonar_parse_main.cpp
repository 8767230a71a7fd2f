// bench-sonar-parse [Google Benchmark options]
// The time and the peak heap memory of reading 10,000 findings into one report with the
// library's readers: 20 `api/issues/search` pages of 500 issues plus a gate and measures through
// cib::sonar::read_sonar_analysis, and a SARIF 2.1.0 document of 10,000 results through
// cib::sonar::read_sarif. The inputs are made in the program from a fixed seed. Counters:
// input_MiB (the texts), peak_heap_MiB (the most the heap grew during one parse, the texts not
// included: heap_meter.h), findings (what the report holds; anything but 10,000 fails the run).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <string>

#include "heap_meter.h"
#include "sonar/sarif_reader.h"
#include "sonar/sonar_analysis.h"
#include "sonar_inputs.h"

namespace {

using cib::bench::heap_live_bytes;
using cib::bench::heap_peak_bytes;
using cib::bench::reset_heap_peak;

constexpr std::size_t kPages = 20;
constexpr std::size_t kPerPage = 500;
constexpr std::size_t kFindings = kPages * kPerPage;
constexpr std::uint64_t kSeed = 20261204;
constexpr double kMiB = 1024.0 * 1024.0;

const cib::sonar::SonarAnswers& answers() {
  static const cib::sonar::SonarAnswers made = [] {
    cib::bench::SonarAnswerTexts texts = cib::bench::sonar_answer_texts(kPages, kPerPage, kSeed);
    cib::sonar::SonarAnswers a;
    a.issue_pages = std::move(texts.issue_pages);
    a.gate = std::move(texts.gate);
    a.measures = std::move(texts.measures);
    a.server_url = "https://sonar.example.com";
    a.dashboard_url = "https://sonar.example.com/dashboard?id=acme_platform&pullRequest=118";
    return a;
  }();
  return made;
}

std::size_t input_bytes(const cib::sonar::SonarAnswers& a) {
  std::size_t bytes = a.gate->size() + a.measures->size();
  for (const std::string& page : a.issue_pages) bytes += page.size();
  return bytes;
}

const std::string& sarif() {
  static const std::string made = cib::bench::sarif_text(kFindings, kSeed);
  return made;
}

// Runs parse once per iteration, measuring the heap's growth over what was live before it.
template <typename Parse>
void measure(benchmark::State& state, std::size_t input, Parse parse) {
  std::size_t peak = 0;
  std::size_t findings = 0;
  for (auto _ : state) {
    reset_heap_peak();
    const std::size_t before = heap_live_bytes();
    findings = parse();
    peak = std::max(peak, heap_peak_bytes() - before);
  }
  if (findings != kFindings) {
    state.SkipWithError(
        ("read " + std::to_string(findings) + " findings, not " + std::to_string(kFindings))
            .c_str());
  }
  state.counters["input_MiB"] = static_cast<double>(input) / kMiB;
  state.counters["peak_heap_MiB"] = static_cast<double>(peak) / kMiB;
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_read_sonar_analysis(benchmark::State& state) {
  const cib::sonar::SonarAnswers& a = answers();
  measure(state, input_bytes(a), [&] {
    const cib::ReportContent report = cib::sonar::read_sonar_analysis(a);
    benchmark::DoNotOptimize(report.annotations.data());
    return report.annotations.size();
  });
}

void BM_read_sarif(benchmark::State& state) {
  const std::string& text = sarif();
  measure(state, text.size(), [&] {
    const std::vector<cib::sonar::SarifReport> runs = cib::sonar::read_sarif(text);
    benchmark::DoNotOptimize(runs.data());
    return runs.empty() ? 0 : runs[0].content.annotations.size();
  });
}

BENCHMARK(BM_read_sonar_analysis)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_read_sarif)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
