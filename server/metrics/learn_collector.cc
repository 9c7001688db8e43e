#include "metrics/learn_collector.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/log.h"

namespace ls::metrics {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily Gauge(const std::string& name, const std::string& help) {
  MetricFamily f;
  f.name = name;
  f.help = help;
  f.type = MetricType::Gauge;
  return f;
}

void Add(MetricFamily* f, std::vector<ClientMetric::Label> labels, double value) {
  ClientMetric m;
  m.label = std::move(labels);
  m.gauge.value = value;
  f->metric.push_back(std::move(m));
}

}  // namespace

std::vector<MetricFamily> LearnFamilies(const LearnSnapshot& s) {
  std::vector<MetricFamily> out;

  MetricFamily jobs = Gauge("lightshow_jobs", "Jobs stored, by kind and state");
  for (const auto& j : s.jobs) Add(&jobs, {{"kind", j.kind}, {"state", j.state}}, static_cast<double>(j.count));
  out.push_back(std::move(jobs));

  MetricFamily running = Gauge("lightshow_training_running",
                               "1 while a job of this kind trains; 0 when the training figures are the last job's");
  MetricFamily epoch = Gauge("lightshow_training_epoch", "Epochs done by the newest training job of this kind");
  MetricFamily epochs = Gauge("lightshow_training_epochs", "Epochs asked of the newest training job of this kind");
  MetricFamily loss = Gauge("lightshow_training_loss",
                            "Mean loss of the last epoch done by the newest training job of this kind, "
                            "on the training and the validation set");
  for (const auto& t : s.training) {
    Add(&running, {{"kind", t.kind}}, t.running ? 1 : 0);
    Add(&epoch, {{"kind", t.kind}}, t.epoch);
    Add(&epochs, {{"kind", t.kind}}, t.epochs);
    if (t.train_loss) Add(&loss, {{"kind", t.kind}, {"set", "train"}}, *t.train_loss);
    if (t.val_loss) Add(&loss, {{"kind", t.kind}, {"set", "validation"}}, *t.val_loss);
  }
  for (auto* f : {&running, &epoch, &epochs, &loss}) {
    if (!f->metric.empty()) out.push_back(std::move(*f));
  }

  MetricFamily info = Gauge("lightshow_active_model_info",
                            "1 for the model that renders shows (model=\"bands\": no model, the frequency bands)");
  if (s.active) {
    Add(&info, {{"model", s.active->id}, {"arch", s.active->arch}}, 1);
    MetricFamily created = Gauge("lightshow_active_model_created_timestamp_seconds",
                                 "When the active model was trained, seconds since the Unix epoch");
    Add(&created, {}, s.active->created_unix_s);
    MetricFamily val = Gauge("lightshow_active_model_validation_loss",
                             "Validation MSE of the active model (reconstruction of held-out songs)");
    Add(&val, {}, s.active->val_loss);
    MetricFamily pca = Gauge("lightshow_active_model_pca_validation_loss",
                             "Validation MSE of PCA with as many components, on the active model's split");
    Add(&pca, {}, s.active->pca_val_loss);
    out.push_back(std::move(info));
    out.push_back(std::move(created));
    out.push_back(std::move(val));
    out.push_back(std::move(pca));
  } else {
    Add(&info, {{"model", "bands"}, {"arch", "bands"}}, 1);
    out.push_back(std::move(info));
  }

  MetricFamily models = Gauge("lightshow_models", "Models stored, by status (ok, broken)");
  for (const auto& m : s.models) Add(&models, {{"status", m.status}}, static_cast<double>(m.count));
  out.push_back(std::move(models));
  return out;
}

void LearnCollector::Attach(Source source) {
  std::lock_guard<std::mutex> lock(mu_);
  source_ = std::move(source);
}

void LearnCollector::Detach() {
  std::lock_guard<std::mutex> lock(mu_);
  source_ = nullptr;
}

std::vector<MetricFamily> LearnCollector::Collect() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!source_) return {};
  absl::StatusOr<LearnSnapshot> s = source_();
  if (!s.ok()) {
    LogWarning(absl::StrCat("job and model metrics unavailable: ", s.status().ToString()));
    return {};
  }
  return LearnFamilies(*s);
}

}  // namespace ls::metrics
