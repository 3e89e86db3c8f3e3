// The sections that version 2 of the bundle adds (docs/bundle-v2.md): work_plan, events and
// indicators, read with every error at its JSON Pointer and written in one canonical form.
// Internal to core: BundleCodec reads and writes them as parts of a bundle.
#pragma once

#include "JsonReading.h"
#include "crossgrant/core/ProgrammeRules.h"
#include "crossgrant/core/Project.h"

namespace crossgrant::core::workplan {

/// The names of the version-2 sections, in the order a bundle writes them.
inline constexpr std::string_view kSections[] = {"work_plan", "events", "indicators"};

/// Reads the sections that document has into bundle, checking them against the project and
/// partners read before (codes, dates, periods) and against rules (target groups, event
/// kinds, programme indicators; not checked when rules is nullptr, an unknown rules key being
/// reported already).
void readSections(const Json& document, Bundle& bundle, const ProgrammeRules* rules,
                  reading::Errors& errors);

/// Adds to document the sections that bundle has.
void writeSections(const Bundle& bundle, Json& document);

}  // namespace crossgrant::core::workplan
