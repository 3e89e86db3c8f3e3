// The sections of the progress reports: what the lead and the partners wrote about the period,
// the work packages and the activities that run in the period (or have a progress text for it)
// with their status and the period's progress, the events of
// the period with their participants by target group, the indicators with their progress, and
// the declaration. A partner report shows its partner's statement, activities and events, and
// the project's indicators; a project report all of them.
//
// The activities and events tables can be long (thousands of rows): they are streamed row by
// row from the data, which must outlive the report (renderReport renders at once).
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "ReportText.h"
#include "Sections.h"
#include "crossgrant/core/Indicators.h"
#include "crossgrant/core/Locale.h"
#include "crossgrant/pdf/ContentSection.h"

namespace crossgrant::reports {
namespace {

using core::Texts;

bool isPartnerReport(const ReportData& data) { return data.selection.kind == ReportKind::kPartner; }

const core::Period& periodOf(const ReportData& data) {
  for (const core::Period& period : data.bundle.project.periods)
    if (period.number == data.selection.period) return period;
  return data.bundle.project.periods.front();  // checkSelection made sure it is there
}

/// A text in the report's language, else English, else the first; with the language's name
/// in brackets when it is not the report's.
std::string inLanguage(const ReportText& text, const Texts& texts) {
  if (texts.empty()) return "";
  const std::string_view wanted = core::toString(text.language());
  for (const std::string_view lang : {wanted, std::string_view("en")})
    for (const auto& [code, body] : texts)
      if (code == lang)
        return code == wanted ? body : body + " [" + text.labelOr("language." + code, code) + "]";
  return texts.front().second + " [" +
         text.labelOr("language." + texts.front().first, texts.front().first) + "]";
}

const core::PeriodStatement* statementOf(const ReportData& data, const std::string& partner) {
  for (const core::PeriodStatement& statement : data.statements)
    if (statement.partner == partner) return &statement;
  return nullptr;
}

/// The mark of the findings the report prints about the object ("⚠ 3"), "" for none.
std::string findingMarks(const ReportData& data, std::string_view object, std::string_view key) {
  return findingMark(numberedFindings(data), [&](const core::Finding& finding) {
    return finding.object == object && finding.key == key;
  });
}

std::string labelOf(const ReportText& text, const std::vector<core::Labelled>& list,
                    const std::string& key) {
  for (const core::Labelled& item : list)
    if (item.key == key) return item.label(core::toString(text.language()));
  return key;
}

// ---- statements

std::unique_ptr<pdf::Section> statementsOf(const ReportData& data, const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("progress.statements"), 1);
  const auto print = [&](const core::PeriodStatement* statement, const std::string& title) {
    section->heading(title, 2);
    if (statement == nullptr || (statement->summary.empty() && statement->problems.empty() &&
                                 statement->activities.empty())) {
      section->paragraph(text.label("progress.not_written"));
      return;
    }
    section->heading(text.label("progress.summary"), 3);
    section->paragraph(statement->summary.empty() ? text.label("progress.none")
                                                  : inLanguage(text, statement->summary));
    section->heading(text.label("progress.problems"), 3);
    section->paragraph(statement->problems.empty() ? text.label("progress.no_problems")
                                                   : inLanguage(text, statement->problems));
  };
  if (!isPartnerReport(data))
    print(statementOf(data, ""), text.label("progress.project_statement"));
  for (const core::Partner* partner : coveredPartners(data)) {
    const core::PeriodStatement* statement = statementOf(data, partner->code);
    // A project report prints the partners that wrote; a partner report its partner always.
    if (!isPartnerReport(data) && statement == nullptr) continue;
    print(statement, ReportText::partnerName(*partner));
  }
  return section;
}

// ---- work packages and activities

/// Whether the activity runs in the period: its actual dates where it has them, else the
/// planned ones; one that is ongoing runs until it is done, however late.
bool runsIn(const core::Activity& activity, const core::Period& period,
            const core::Project& project) {
  const core::Date start = activity.actual.start.value_or(activity.planned.start);
  const core::Date end = activity.actual.end ? *activity.actual.end
                         : activity.status == core::ActivityStatus::kOngoing
                             ? std::max(activity.planned.end, project.end)
                             : activity.planned.end;
  return start <= period.end && end >= period.start;
}

class ActivitiesSection : public pdf::Section {
 public:
  explicit ActivitiesSection(const ReportData& data) : data_(data) {}

  void render(pdf::Document& document) const override {
    const ReportText text(data_, document.labels());
    document.heading(text.label("progress.activities"), 1);
    if (!data_.bundle.workPlan || data_.bundle.workPlan->workPackages.empty()) {
      document.paragraph(text.label("progress.no_work_plan"));
      return;
    }
    const core::Period& period = periodOf(data_);
    // An activity's progress is its responsible partner's to tell: a text left in another
    // statement (the activity changed hands, or went) is not printed.
    std::map<std::pair<std::string, std::string>, const Texts*> progress;
    for (const core::PeriodStatement& statement : data_.statements)
      for (const auto& [code, texts] : statement.activities)
        progress[{statement.partner, code}] = &texts;
    bool any = false;
    for (const core::WorkPackage& wp : data_.bundle.workPlan->workPackages) {
      std::vector<const core::Activity*> shown;
      for (const core::Activity& activity : wp.activities)
        if ((!isPartnerReport(data_) || activity.partner == data_.selection.partner) &&
            (runsIn(activity, period, data_.bundle.project) ||
             progress.count({activity.partner, activity.code}) > 0))
          shown.push_back(&activity);
      if (shown.empty()) continue;
      any = true;
      document.heading(wp.code + " " + inLanguage(text, wp.title), 2);
      pdf::TableWriter table = document.table({{text.label("common.code"), 0.8f},
                                               {text.label("common.title"), 2.6f},
                                               {text.label("common.partner"), 1.0f},
                                               {text.label("progress.status"), 1.2f},
                                               {text.label("progress.dates"), 2.0f},
                                               {text.label("progress.in_period"), 3.6f}});
      for (const core::Activity* a : shown) {
        const core::Date start = a->actual.start.value_or(a->planned.start);
        const core::Date end = a->actual.end.value_or(a->planned.end);
        const auto found = progress.find({a->partner, a->code});
        table.row({a->code, inLanguage(text, a->title), a->partner,
                   withMark(text.labelOr("status." + std::string(core::toString(a->status)),
                                         std::string(core::toString(a->status))),
                            findingMarks(data_, "activity", a->code)),
                   text.shortRange(start, end),
                   found == progress.end() ? std::string() : inLanguage(text, *found->second)});
      }
      table.end();
    }
    if (!any) document.paragraph(text.label("progress.no_activities_in_period"));
  }

 private:
  const ReportData& data_;
};

// ---- events of the period

class EventsSection : public pdf::Section {
 public:
  explicit EventsSection(const ReportData& data) : data_(data) {}

  void render(pdf::Document& document) const override {
    const ReportText text(data_, document.labels());
    const core::Period& period = periodOf(data_);
    document.heading(text.label("progress.events"), 1);
    std::vector<const core::Event*> shown;
    if (data_.bundle.events)
      for (const core::Event& event : *data_.bundle.events)
        if (event.start >= period.start && event.start <= period.end &&
            (!isPartnerReport(data_) || event.partner == data_.selection.partner))
          shown.push_back(&event);
    if (shown.empty()) {
      document.paragraph(text.label("progress.no_events"));
      return;
    }
    // In the order they took place (the stored order among those of one day).
    std::stable_sort(shown.begin(), shown.end(), [](const core::Event* a, const core::Event* b) {
      return a->start < b->start;
    });
    const std::vector<core::Labelled>& groups = data_.rules.targetGroups;
    std::vector<std::int64_t> byGroup(groups.size(), 0);
    std::int64_t attendances = 0;
    pdf::TableWriter table = document.table({{text.label("progress.date"), 1.9f},
                                             {text.label("progress.event"), 3.0f},
                                             {text.label("progress.kind"), 1.9f},
                                             {text.label("progress.place"), 1.5f},
                                             {text.label("common.partner"), 1.0f},
                                             {text.label("progress.participants"), 2.8f}});
    for (const core::Event* e : shown) {
      const core::Participants& p = e->participants;
      attendances += p.total;
      std::string counted = text.format("progress.attendances", {{"count", text.integer(p.total)}});
      if (p.unique)
        counted += ", " + text.format("progress.people", {{"count", text.integer(*p.unique)}});
      // One line where it fits: "Attendances: 40, people: 35; Youth 20, Seniors 13".
      std::string separator = "; ";
      for (const auto& [group, count] : p.byTargetGroup) {
        counted += separator + labelOf(text, groups, group) + " " + text.integer(count);
        separator = ", ";
        for (std::size_t i = 0; i < groups.size(); ++i)
          if (groups[i].key == group) byGroup[i] += count;
      }
      table.row({text.shortRange(e->start, e->lastDay()),
                 withMark(e->code + " " + inLanguage(text, e->title),
                          findingMarks(data_, "event", e->code)),
                 labelOf(text, data_.rules.eventKinds, e->kind),
                 e->online ? text.label("progress.online") : e->place, e->partner, counted});
    }
    table.end();

    document.heading(text.label("progress.by_target_group"), 2);
    pdf::TableWriter totals =
        document.table({{text.label("progress.target_group"), 3.0f},
                        {text.label("progress.attendances_title"), 1.5f, pdf::Align::kRight}});
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (byGroup[i] > 0)
        totals.row({labelOf(text, groups, groups[i].key), text.integer(byGroup[i])});
    totals.row({text.format("progress.events_total",
                            {{"count", text.integer(static_cast<std::int64_t>(shown.size()))}}),
                text.integer(attendances)},
               pdf::RowKind::kTotal);
    totals.end();
  }

 private:
  const ReportData& data_;
};

// ---- indicators

std::unique_ptr<pdf::Section> indicatorsOf(const ReportData& data, const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("progress.indicators"), 1);
  if (!data.bundle.indicators || data.bundle.indicators->empty()) {
    section->paragraph(text.label("progress.no_indicators"));
    return section;
  }
  if (isPartnerReport(data)) section->paragraph(text.label("progress.project_indicators"));
  const std::vector<core::Event> none;
  const std::vector<core::Event>& events = data.bundle.events ? *data.bundle.events : none;
  pdf::Table table;
  table.columns = {{text.label("common.code"), 1.0f},
                   {text.label("common.name"), 3.2f},
                   {text.label("progress.unit"), 1.1f},
                   {text.label("progress.baseline"), 1.1f, pdf::Align::kRight},
                   {text.label("progress.target"), 1.1f, pdf::Align::kRight},
                   {text.label("progress.this_period"), 1.1f, pdf::Align::kRight},
                   {text.label("progress.cumulative"), 1.2f, pdf::Align::kRight},
                   {text.label("progress.progress"), 1.1f, pdf::Align::kRight}};
  pdf::ProgressChart chart;
  chart.title = text.label("progress.toward_targets");
  const std::string lang(core::toString(text.language()));
  const std::vector<std::vector<core::IndicatorPeriod>> progressOf =
      core::allIndicatorPeriods(*data.bundle.indicators, data.bundle.project, events);
  for (std::size_t i = 0; i < data.bundle.indicators->size(); ++i) {
    const core::Indicator& indicator = (*data.bundle.indicators)[i];
    // The programme indicator's name and unit where the project's indicator has none.
    Texts name = indicator.name;
    std::string unit = indicator.unit;
    for (const core::ProgrammeIndicator& programme : data.rules.indicators)
      if (programme.code == indicator.programmeIndicator) {
        if (name.empty()) name = programme.name;
        if (unit.empty()) unit = programme.unit;
      }
    const core::IndicatorPeriod* now = nullptr;
    for (const core::IndicatorPeriod& p : progressOf[i])
      if (p.period == data.selection.period) now = &p;
    const std::string progress = now && now->progress ? text.percentText(*now->progress) : "–";
    const std::string code = indicator.programmeIndicator.empty()
                                 ? indicator.code
                                 : indicator.code + " (" + indicator.programmeIndicator + ")";
    table.rows.push_back({{withMark(code, findingMarks(data, "indicator", indicator.code)),
                           inLanguage(text, name), unit, text.amount(indicator.baseline),
                           text.amount(indicator.target), now ? text.amount(now->achieved) : "",
                           now ? text.amount(now->cumulative) : "", progress}});
    if (now)
      chart.items.push_back(
          {indicator.code, now->cumulative.minor(), indicator.target.minor(), progress});
  }
  section->table(std::move(table));
  if (!chart.items.empty()) section->progressChart(std::move(chart));
  return section;
}

// ---- declaration

std::unique_ptr<pdf::Section> declarationOf(const ReportData& data, const core::Labels& labels) {
  const ReportText text(data, labels);
  auto section = std::make_unique<pdf::ContentSection>();
  section->heading(text.label("declaration.title"), 1);
  const core::Partner* signer = nullptr;
  for (const core::Partner& partner : data.bundle.partners)
    if (isPartnerReport(data) ? partner.code == data.selection.partner
                              : partner.role == core::PartnerRole::kLead)
      signer = &partner;
  const std::string name = signer ? ReportText::partnerName(*signer) : std::string();
  section->paragraph(
      text.format(isPartnerReport(data) ? "declaration.partner" : "declaration.lead",
                  {{"partner", name}, {"period", std::to_string(periodOf(data).number)}}));
  section->space(12);
  const std::string blank = "______________________________";
  section->keyValues({{text.label("declaration.name"), blank},
                      {text.label("declaration.position"), blank},
                      {text.label("declaration.date"), blank},
                      {text.label("declaration.signature"), blank}});
  return section;
}

}  // namespace

std::unique_ptr<pdf::Section> statementsSection(const ReportData& data,
                                                const core::Labels& labels) {
  return statementsOf(data, labels);
}

std::unique_ptr<pdf::Section> activitiesSection(const ReportData& data, const core::Labels&) {
  return std::make_unique<ActivitiesSection>(data);
}

std::unique_ptr<pdf::Section> eventsSection(const ReportData& data, const core::Labels&) {
  return std::make_unique<EventsSection>(data);
}

std::unique_ptr<pdf::Section> indicatorsSection(const ReportData& data,
                                                const core::Labels& labels) {
  return indicatorsOf(data, labels);
}

std::unique_ptr<pdf::Section> declarationSection(const ReportData& data,
                                                 const core::Labels& labels) {
  return declarationOf(data, labels);
}

}  // namespace crossgrant::reports
