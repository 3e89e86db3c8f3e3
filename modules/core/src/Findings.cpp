#include "crossgrant/core/Findings.h"

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

}  // namespace

std::vector<Finding> computeFindings(const Bundle& bundle, const ProgrammeRules& rules) {
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
  return findings;
}

Json findingsToJson(std::string_view projectCode, const std::vector<Finding>& findings) {
  Json list = Json::array();
  for (const Finding& finding : findings) {
    Json item = Json::object();
    item.set("code", finding.code);
    if (finding.partner) item.set("partner", *finding.partner);
    item.set("expected", finding.expected.toString())
        .set("actual", finding.actual.toString())
        .set("difference", finding.difference().toString())
        .set("message", finding.message);
    list.push(std::move(item));
  }
  return Json::object().set("project", projectCode).set("findings", std::move(list));
}

}  // namespace crossgrant::core
