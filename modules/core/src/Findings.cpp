#include "crossgrant/core/Findings.h"

#include <map>

#include "crossgrant/core/Indicators.h"

namespace crossgrant::core {
namespace {

Amount sumBudget(const Partner& partner) {
  Amount sum;
  for (const BudgetLine& line : partner.budget) sum += line.amount;
  return sum;
}

Amount sumContributions(const Partner& partner) {
  Amount sum;
  for (const Contribution& c : partner.cofinancing) sum += c.amount;
  return sum;
}

Amount sumOfCategories(const Partner& partner, const std::vector<std::string>& categories) {
  Amount sum;
  for (const BudgetLine& line : partner.budget)
    for (const std::string& category : categories)
      if (line.category == category) sum += line.amount;
  return sum;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : " + ") + item;
  return text;
}

void addPartnerFindings(const Partner& partner, const ProgrammeRules& rules,
                        std::vector<Finding>& out) {
  const auto add = [&](std::string code, Amount expected, Amount actual, std::string message) {
    out.push_back({std::move(code), partner.code, expected, actual, std::move(message)});
  };
  const std::string who = "Partner " + partner.code;

  const Amount budget = sumBudget(partner);
  if (budget != partner.total) {
    add("budget_mismatch", partner.total, budget,
        who + ": budget lines sum to " + budget.toString() + ", not to the approved total " +
            partner.total.toString() + ".");
  }
  const Amount contributions = sumContributions(partner);
  if (contributions != partner.total) {
    add("contributions_mismatch", partner.total, contributions,
        who + ": co-financing sums to " + contributions.toString() +
            ", not to the approved total " + partner.total.toString() + ".");
  }
  const Amount fund = partner.fundAmount();
  if (exceedsRate(fund, partner.total, rules.fundRateCap)) {
    add("fund_rate_exceeded", capAt(partner.total, rules.fundRateCap), fund,
        who + ": fund share " + fund.toString() + " is above the " + rules.fundRateCap.toPercent() +
            " cap of the total " + partner.total.toString() + ".");
  }
  for (const FlatRate& flat : rules.flatRates) {
    for (const BudgetLine& line : partner.budget) {
      if (line.category != flat.category) continue;
      const Amount expected =
          applyRate(sumOfCategories(partner, flat.base), flat.rate, rules.rounding);
      if (line.amount != expected) {
        add("flat_rate_mismatch", expected, line.amount,
            who + ": " + flat.category + " is " + line.amount.toString() + ", but " +
                flat.rate.toPercent() + " of " + joined(flat.base) + " is " + expected.toString() +
                ".");
      }
    }
  }
}

/// "START/END" (an ISO 8601 interval), or the one day.
std::string interval(const Date& start, const Date& end) {
  return start == end ? start.toString() : start.toString() + "/" + end.toString();
}

void addWorkPlanFindings(const Bundle& bundle, const ProgrammeRules& rules,
                         std::vector<Finding>& out) {
  std::map<std::string, const Activity*> activities;
  if (bundle.workPlan) {
    for (const WorkPackage& package : bundle.workPlan->workPackages) {
      for (const Activity& activity : package.activities) {
        activities.emplace(activity.code, &activity);
        const int tolerance = rules.activityToleranceDays;
        const bool early = activity.actual.start && activity.actual.start->dayNumber() + tolerance <
                                                        activity.planned.start.dayNumber();
        const bool late = activity.actual.end && activity.actual.end->dayNumber() >
                                                     activity.planned.end.dayNumber() + tolerance;
        if (!early && !late) continue;
        const Date start = activity.actual.start.value_or(activity.planned.start);
        const Date end = activity.actual.end.value_or(activity.planned.end);
        Finding finding{"activity_outside_plan", activity.partner, Amount(), Amount(),
                        "Activity " + activity.code + " ran " + interval(start, end) +
                            ", outside its plan " +
                            interval(activity.planned.start, activity.planned.end) + "."};
        finding.object = "activity";
        finding.key = activity.code;
        finding.expectedText = interval(activity.planned.start, activity.planned.end);
        finding.actualText = interval(start, end);
        out.push_back(std::move(finding));
      }
    }
  }
  if (!bundle.events) return;
  for (const Event& event : *bundle.events) {
    const auto found = activities.find(event.activity);
    if (found == activities.end()) continue;
    const Activity& activity = *found->second;
    const Date from = activity.actual.start.value_or(activity.planned.start);
    const Date to = activity.actual.end.value_or(activity.planned.end);
    if (event.start >= from && event.lastDay() <= to) continue;
    Finding finding{"event_outside_activity", event.partner, Amount(), Amount(),
                    "Event " + event.code + " (" + interval(event.start, event.lastDay()) +
                        ") falls outside its activity " + activity.code + " (" +
                        interval(from, to) + ")."};
    finding.object = "event";
    finding.key = event.code;
    finding.expectedText = interval(from, to);
    finding.actualText = interval(event.start, event.lastDay());
    out.push_back(std::move(finding));
  }
}

void addIndicatorFindings(const Bundle& bundle, const ProgrammeRules& rules, const Date& asOf,
                          std::vector<Finding>& out) {
  if (!bundle.indicators) return;
  const Project& project = bundle.project;
  // The latest period that has ended by asOf.
  const Period* latest = nullptr;
  for (const Period& period : project.periods)
    if (period.end <= asOf) latest = &period;
  if (latest == nullptr) return;
  const std::int64_t elapsed = latest->end.dayNumber() - project.start.dayNumber() + 1;
  const std::int64_t duration = project.end.dayNumber() - project.start.dayNumber() + 1;
  if (duration <= 0) return;
  const std::vector<Event> none;
  const std::vector<Event>& events = bundle.events ? *bundle.events : none;
  const std::vector<std::vector<IndicatorPeriod>> progress =
      allIndicatorPeriods(*bundle.indicators, project, events);
  for (std::size_t i = 0; i < bundle.indicators->size(); ++i) {
    const Indicator& indicator = (*bundle.indicators)[i];
    Quantity cumulative;
    for (const IndicatorPeriod& value : progress[i])
      if (value.period == latest->number) cumulative = value.cumulative;
    // cumulative < target × elapsed ÷ duration − tolerance × target, exactly: both sides
    // times duration × 1,000,000 (the tolerance's scale).
    const __int128 target = indicator.target.minor();
    const __int128 left = static_cast<__int128>(cumulative.minor()) * duration * 1000000;
    const __int128 right =
        target * elapsed * 1000000 -
        static_cast<__int128>(rules.indicatorTolerance.millionths()) * target * duration;
    if (!(left < right)) continue;
    const Quantity expected =
        Quantity::fromMinor(divideRounded(target * elapsed, duration, Rounding::kHalfUp));
    Finding finding{"indicator_behind", std::nullopt, Amount(), Amount(),
                    "Indicator " + indicator.code + " is at " + cumulative.toString() +
                        " after period " + std::to_string(latest->number) + ", behind the " +
                        expected.toString() + " that its target " + indicator.target.toString() +
                        " would have by then."};
    finding.object = "indicator";
    finding.key = indicator.code;
    finding.expectedText = expected.toString();
    finding.actualText = cumulative.toString();
    out.push_back(std::move(finding));
  }
}

}  // namespace

std::vector<Finding> computeFindings(const Bundle& bundle, const ProgrammeRules& rules) {
  return computeFindings(bundle, rules, UtcTime::fromMillis(nowMillis()).date);
}

std::vector<Finding> computeFindings(const Bundle& bundle, const ProgrammeRules& rules,
                                     const Date& asOf) {
  std::vector<Finding> findings;
  Amount total;
  Amount fund;
  for (const Partner& partner : bundle.partners) {
    addPartnerFindings(partner, rules, findings);
    total += partner.total;
    fund += partner.fundAmount();
  }
  const Project& project = bundle.project;
  if (project.approvedTotal && *project.approvedTotal != total) {
    findings.push_back({"project_total_mismatch", std::nullopt, *project.approvedTotal, total,
                        "Partners' totals sum to " + total.toString() +
                            ", not to the approved project total " +
                            project.approvedTotal->toString() + "."});
  }
  if (project.approvedFund && *project.approvedFund != fund) {
    findings.push_back({"project_fund_mismatch", std::nullopt, *project.approvedFund, fund,
                        "Partners' fund amounts sum to " + fund.toString() +
                            ", not to the approved fund " + project.approvedFund->toString() +
                            "."});
  }
  addWorkPlanFindings(bundle, rules, findings);
  addIndicatorFindings(bundle, rules, asOf, findings);
  return findings;
}

Json findingsToJson(std::string_view projectCode, const std::vector<Finding>& findings) {
  Json list = Json::array();
  for (const Finding& finding : findings) {
    Json item = Json::object();
    item.set("code", finding.code);
    if (finding.partner) item.set("partner", *finding.partner);
    if (finding.aboutAmounts()) {
      item.set("expected", finding.expected.toString())
          .set("actual", finding.actual.toString())
          .set("difference", finding.difference().toString());
    } else {
      item.set("object", finding.object)
          .set("key", finding.key)
          .set("expected", finding.expectedText)
          .set("actual", finding.actualText);
    }
    item.set("message", finding.message);
    list.push(std::move(item));
  }
  return Json::object().set("project", projectCode).set("findings", std::move(list));
}

}  // namespace crossgrant::core
