#pragma once
// Carrying a report into a newer edition of its type, by the mapping the new edition declares
// (<migration from="…"> in its definition): renamed, split, merged and dropped indicators,
// moved narrative sections; codes that exist in both editions carry over as they are. Nothing
// is lost silently: every entered value and section ends in the new report or in the summary
// and the report's kept content (an <extension> element), and what the user must look at is
// marked as needing attention.
#include <string>
#include <vector>

#include "base/result.hpp"
#include "report/report.hpp"
#include "schema/report_type.hpp"

namespace rb::migrate {

enum class ItemKind {
    Carried,           // same code, same type: value as it was
    Renamed,           // code changed
    Merged,            // several old values into one indicator
    Split,             // one old value to be apportioned among several indicators
    Dropped,           // the new edition does not ask for it: value listed and kept
    TypeChanged,       // same meaning, different type or unit (or the value no longer fits)
    NarrativeCarried,  // section with the same id
    NarrativeMoved,    // section renamed or moved
    NarrativeDropped,  // section the new edition has not: text listed and kept
    Header,            // header kept though the new edition's defaults differ
    Period,            // the new edition does not have this kind of period
    NoMapping,         // the new edition declares no mapping from the old one
    Justifications,    // written justifications carried
};
const char* to_string(ItemKind k);  // "carried", "renamed", …, as in the CLI's JSON

struct Item {
    ItemKind kind = ItemKind::Carried;
    std::vector<std::string> from;  // old codes or section ids
    std::vector<std::string> to;    // new codes or section ids (empty: nowhere)
    std::string old_value;          // as stored; for merges "A=1; B=2"
    std::string new_value;          // as stored in the migrated report ("" = blank)
    bool attention = false;         // the user must look at it before the report is complete
    std::string message;            // in the user's language
};

struct Migrated {
    report::Report report;
    std::vector<Item> summary;
    int attention() const;
};

// `old` must be a report of `from` (same type id and edition); `to` another edition of the same
// type. Fails, naming file:line:col, when the mapping names codes or sections `from` lacks.
// The result is a draft of `to`'s edition and version with the same unit, period, window and
// header; created and modified are now.
Result<Migrated> migrate(const report::Report& old, const schema::ReportType& from, const schema::ReportType& to);

// Namespace of the element kept in the migrated report's <extension> with the old values that
// did not carry over unchanged (dropped, split, merged, refused) and dropped sections.
inline constexpr const char* kKeptNamespace = "urn:reportbench:migration:1";

}  // namespace rb::migrate
