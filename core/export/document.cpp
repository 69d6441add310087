#include "export/document.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "report/entry.hpp"

namespace rb::exporting {
namespace {

using schema::ValueType;

locale::Date to_date(const report::SimpleDate& d) { return {d.year, d.month, d.day}; }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Nghị định 30: document numbers under 10 take a leading zero ("09/BC-UBND").
std::string number_line(const report::Header& h) {
    std::string number = h.number;
    if (all_digits(number) && number.size() == 1) number = "0" + number;
    if (number.empty()) number = "      ";  // left blank for the clerk who registers it
    return "Số: " + number + "/" + h.symbol;
}

std::string place_date(const report::Report& r) {
    std::string line = r.header.place;
    if (r.header.date) {
        if (!line.empty()) line += ", ";
        line += locale::format_date_long(to_date(*r.header.date));
    } else {
        if (!line.empty()) line += ", ";
        line += "ngày      tháng      năm " + std::to_string(r.period.year);
    }
    return line;
}

// "UBND xã Phương Định": the issuing body as it is named in running text.
std::string issuing_body_in_text(const report::Report& r) {
    if (r.unit.name.empty()) return r.header.issuing_body;
    return "UBND " + r.unit.kind + " " + r.unit.name;
}

std::string short_date(const report::Report& r) {
    if (!r.header.date) return "…";
    return locale::format_date_short(to_date(*r.header.date));
}

std::string replace_all(std::string s, std::string_view what, std::string_view with) {
    for (std::size_t p = 0; (p = s.find(what, p)) != std::string::npos; p += with.size())
        s.replace(p, what.size(), with);
    return s;
}

std::string fill_subtitle(std::string text, const report::Report& r) {
    std::string number = r.header.number;
    if (all_digits(number) && number.size() == 1) number = "0" + number;
    if (number.empty()) number = "   ";
    text = replace_all(std::move(text), "{number}", number);
    text = replace_all(std::move(text), "{symbol}", r.header.symbol);
    text = replace_all(std::move(text), "{date}", short_date(r));
    text = replace_all(std::move(text), "{issuing_body}", issuing_body_in_text(r));
    text = replace_all(std::move(text), "{unit}", r.unit.name);
    return report::fill_placeholders(text, r, report::kDocument);
}

// Recipients as printed in "Nơi nhận": "- X;" and the last "- Lưu: VT.".
std::vector<std::string> recipient_lines(const std::vector<std::string>& recipients) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < recipients.size(); ++i) {
        std::string t = recipients[i];
        while (!t.empty() && (t.back() == ';' || t.back() == '.' || t.back() == ' ')) t.pop_back();
        if (t.rfind("- ", 0) == 0) t.erase(0, 2);
        if (t.empty()) continue;
        out.push_back("- " + t + (i + 1 == recipients.size() ? "." : ";"));
    }
    return out;
}

void add_section_text(std::vector<Block>& body, const std::string& section_id, const std::string& text) {
    int blanks = 0;
    bool first = true;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const bool blank = line.find_first_not_of(" \t") == std::string::npos;
        if (blank) {
            if (!first) ++blanks;
        } else {
            Block b;
            b.kind = Block::Kind::Paragraph;
            b.text = std::move(line);
            b.section_id = section_id;
            b.blank_lines_before = first ? 0 : blanks;
            body.push_back(std::move(b));
            first = false;
            blanks = 0;
        }
        start = end + 1;
    }
}

// The row's level in its group, from the definition's structure: the parts of its code after
// the group's ("II.1.1" in group II is at level 2), whatever its printed STT says ("1.1." and
// "2." are written with a trailing dot on the form). A code outside its group's numbering falls
// back to the STT's parts.
int depth_of(const schema::Indicator& ind, std::string_view stt) {
    const std::string_view code = ind.code;
    if (!ind.group.empty() && code.size() > ind.group.size() + 1 && code.substr(0, ind.group.size()) == ind.group &&
        code[ind.group.size()] == '.') {
        const std::string_view rest = code.substr(ind.group.size() + 1);
        return 1 + static_cast<int>(std::count(rest.begin(), rest.end(), '.'));
    }
    while (!stt.empty() && stt.back() == '.') stt.remove_suffix(1);
    if (stt.empty()) return 1;
    return 1 + static_cast<int>(std::count(stt.begin(), stt.end(), '.'));
}

const std::string& vi_or(const schema::LocalText& override_text, const schema::LocalText& fallback) {
    return override_text.vi.empty() ? fallback.vi : override_text.vi;
}

AppendixRow group_row(const schema::Group& g, const ProfileRow* p, std::size_t columns,
                      const std::vector<Column>& cols) {
    AppendixRow row;
    row.code = g.code;
    row.heading = true;
    row.group = true;
    row.depth = 0;
    row.cells.assign(columns, "");
    for (std::size_t c = 0; c < cols.size(); ++c) {
        if (cols[c].kind == ColumnKind::Stt) row.cells[c] = p && !p->stt.empty() ? p->stt : g.code;
        if (cols[c].kind == ColumnKind::Label)
            row.cells[c] = locale::to_upper(p ? vi_or(p->label, g.title) : g.title.vi);
        if (cols[c].kind == ColumnKind::Code) row.cells[c] = g.code;
    }
    return row;
}

// The value cell's text: the display, or for a rate shown with its parts "184/184 = 100%"
// (each part as displayed; the rate alone when a part is blank). Keeps the parts on the row.
std::string shown_value(const schema::Indicator& ind, const validate::Cell& cell, const validate::Evaluation& ev,
                        AppendixRow& row) {
    const auto parts = ind.show_parts ? ind.ratio_parts() : std::nullopt;
    if (!parts || cell.display.empty()) return cell.display;
    const std::string a = ev.display(parts->first), b = ev.display(parts->second);
    if (a.empty() || b.empty() || !cell.number) return cell.display;
    row.parts = {ev.value(parts->first).number, ev.value(parts->second).number};
    return a + "/" + b + " = " + cell.display;
}

AppendixRow indicator_row(const schema::Indicator& ind, std::size_t slot, const ProfileRow* p,
                          const report::Report& r, const validate::Evaluation& ev,
                          const std::vector<Column>& cols) {
    AppendixRow row;
    row.code = ind.code;
    row.heading = ind.heading;
    row.computed = ind.is_computed();
    row.type = ind.type;
    row.decimals = ind.decimals;
    row.formula = ind.computed_source;
    const std::string stt = p && !p->stt.empty() ? p->stt : ind.stt;
    row.depth = depth_of(ind, stt);
    const validate::Cell cell = ev.cell(slot);
    if (!ind.heading && (cell.state == validate::ValueState::Entered ||
                         cell.state == validate::ValueState::Computed))
        row.number = cell.number;
    std::string note;
    if (auto it = r.values.find(ind.code); it != r.values.end()) note = it->second.note;
    if (note.empty() && !ind.note.empty()) {
        // The definition's note, when every figure it names is there ("Trước hạn 717; đúng hạn 317").
        bool complete = true;
        for (const auto& name : schema::placeholder_names(ind.note))
            if (auto s = ev.type().slot(name); !s || ev.display(*s).empty()) complete = false;
        if (complete) note = validate::fill_codes(ind.note, ev, "");
    }
    row.cells.assign(cols.size(), "");
    for (std::size_t c = 0; c < cols.size(); ++c) {
        switch (cols[c].kind) {
            case ColumnKind::Stt: row.cells[c] = stt; break;
            case ColumnKind::Label: row.cells[c] = p ? vi_or(p->label, ind.label) : ind.label.vi; break;
            case ColumnKind::Unit: row.cells[c] = ind.unit; break;
            case ColumnKind::Value: row.cells[c] = ind.heading ? std::string{} : shown_value(ind, cell, ev, row); break;
            case ColumnKind::Note: row.cells[c] = note; break;
            case ColumnKind::Code: row.cells[c] = ind.code; break;
        }
    }
    return row;
}


// An indicator's row, under its caption when the form gives it one: the caption takes the STT
// ("1  Tỷ lệ sử dụng văn bản điện tử của địa phương (…)") and the figure sits on an unnumbered
// row under it ("Tỷ lệ sử dụng văn bản điện tử của UBND cấp xã | % | 184/184 = 100%").
void add_indicator_rows(Appendix& a, const schema::Indicator& ind, std::size_t slot, const ProfileRow* p,
                        const report::Report& r, const validate::Evaluation& ev) {
    AppendixRow row = indicator_row(ind, slot, p, r, ev, a.columns);
    if (!ind.caption.vi.empty()) {
        AppendixRow caption;
        caption.heading = true;
        caption.depth = row.depth;
        caption.cells.assign(a.columns.size(), "");
        for (std::size_t c = 0; c < a.columns.size(); ++c) {
            if (a.columns[c].kind == ColumnKind::Stt) std::swap(caption.cells[c], row.cells[c]);
            if (a.columns[c].kind == ColumnKind::Label) caption.cells[c] = ind.caption.vi;
        }
        a.rows.push_back(std::move(caption));
    }
    a.rows.push_back(std::move(row));
}

Appendix build_appendix(const report::Report& r, const validate::Evaluation& ev,
                        const RecipientProfile& profile) {
    const schema::ReportType& type = ev.type();
    Appendix a;
    a.columns = profile.columns;
    for (std::size_t c = 0; c < a.columns.size(); ++c)
        if (a.columns[c].kind == ColumnKind::Value) a.value_column = static_cast<int>(c);
    if (!profile.appendix_number.empty()) {
        a.number_line = profile.appendix_number;
    } else {
        a.number_line = type.appendix_number.empty() ? "Phụ lục" : "Phụ lục " + type.appendix_number;
    }
    a.title = locale::to_upper(profile.appendix_title.vi.empty() ? type.appendix_title.vi
                                                                 : profile.appendix_title.vi);
    a.subtitle = fill_subtitle(profile.appendix_subtitle.empty()
                                   ? "(Kèm theo Báo cáo số {number}/{symbol} ngày {date} của {issuing_body})"
                                   : profile.appendix_subtitle,
                               r);

    auto supplementary_skipped = [&](const schema::Indicator& ind) {
        if (profile.include_supplementary) return false;
        if (ind.supplementary) return true;
        const auto* g = type.group(ind.group);
        return g && g->supplementary;
    };

    if (profile.rows.empty()) {
        std::string current_group;
        for (std::size_t slot = 0; slot < type.indicators.size(); ++slot) {
            const auto& ind = type.indicators[slot];
            if (supplementary_skipped(ind)) continue;
            if (ind.group != current_group) {
                current_group = ind.group;
                if (const auto* g = type.group(ind.group)) a.rows.push_back(group_row(*g, nullptr, a.columns.size(), a.columns));
            }
            add_indicator_rows(a, ind, slot, nullptr, r, ev);
        }
        return a;
    }
    for (const auto& pr : profile.rows) {
        if (pr.code.empty()) {
            AppendixRow row;
            row.heading = true;
            row.group = true;
            row.cells.assign(a.columns.size(), "");
            for (std::size_t c = 0; c < a.columns.size(); ++c) {
                if (a.columns[c].kind == ColumnKind::Stt) row.cells[c] = pr.stt;
                if (a.columns[c].kind == ColumnKind::Label) row.cells[c] = pr.label.vi;
            }
            a.rows.push_back(std::move(row));
        } else if (auto slot = type.slot(pr.code)) {
            add_indicator_rows(a, type.indicators[*slot], *slot, &pr, r, ev);
        } else if (const auto* g = type.group(pr.code)) {
            a.rows.push_back(group_row(*g, &pr, a.columns.size(), a.columns));
        }
        // Unknown codes are reported by check_profile when the profile is loaded.
    }
    return a;
}

}  // namespace

std::string header_body_lines(std::string_view body) {
    static constexpr std::string_view kKinds[] = {"ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"};
    const std::string upper = locale::to_upper(body);
    if (upper.size() != body.size()) return std::string(body);  // offsets would not carry over
    for (const std::string_view kind : kKinds)
        if (upper.size() > kind.size() + 1 && std::string_view(upper).substr(0, kind.size()) == kind &&
            upper[kind.size()] == ' ')
            return std::string(body.substr(0, kind.size())) + "\n" + std::string(body.substr(kind.size() + 1));
    return std::string(body);
}

ExportDocument build_document(const report::Report& r, const validate::Evaluation& ev,
                              const validate::ValidationResult& findings,
                              const RecipientProfile* profile_in) {
    const schema::ReportType& type = ev.type();
    const RecipientProfile fallback = default_profile(type);
    const RecipientProfile& profile = profile_in ? *profile_in : fallback;

    ExportDocument d;
    d.type_id = r.type_id;
    d.edition = r.edition;
    d.type_version = r.type_version;
    d.period_code = r.period.code();
    d.period_label = r.period.label_vi();
    d.unit_name = r.unit.name;
    d.amendment = r.amendment;

    auto& h = d.header;
    h.parent_body = locale::to_upper(profile.parent_body.empty()
                                         ? r.header.parent_body
                                         : report::fill_placeholders(profile.parent_body, r, report::kDocument));
    h.issuing_body = locale::to_upper(profile.issuing_body.empty()
                                          ? r.header.issuing_body
                                          : report::fill_placeholders(profile.issuing_body, r, report::kDocument));
    h.number_line = number_line(r.header);
    h.place_date = place_date(r);
    h.summary = r.header.summary;

    if (profile.include_narrative) {
        // A heading whose section and subsections are all empty is left out, as a clerk
        // would: the seed has no "V. KIẾN NGHỊ" when it has nothing to propose.
        std::set<std::string> has_text;
        for (const auto& [id, text] : r.narrative) {
            if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
            for (const schema::Section* s = type.section(id); s && has_text.insert(s->id).second;
                 s = s->parent.empty() ? nullptr : type.section(s->parent)) {
            }
        }
        for (const auto& s : type.sections) {
            if (!s.number.empty() && has_text.count(s.id)) {
                Block b;
                b.kind = Block::Kind::Heading;
                b.level = s.level;
                b.section_id = s.id;
                const std::string title = report::fill_placeholders(s.title.vi, r, report::kDocument);
                b.text = s.number + ". " + (s.level == 0 ? locale::to_upper(title) : title);
                d.body.push_back(std::move(b));
            }
            if (auto it = r.narrative.find(s.id); it != r.narrative.end())
                add_section_text(d.body, s.id, it->second);
        }
    }

    auto& sig = d.signature;
    sig.recipients = recipient_lines(r.header.recipients);
    sig.authority = locale::to_upper(r.header.signing_authority);
    sig.signer_title = locale::to_upper(r.header.signer_title);
    sig.signer_name = r.header.signer_name;

    d.appendix = build_appendix(r, ev, profile);

    d.print_justifications = profile.print_justifications;
    for (const auto& f : findings.findings) {
        if (f.justification.empty()) continue;
        d.justifications.push_back({f.rule, f.message, f.justification});
    }
    return d;
}

std::string file_name_for(const RecipientProfile* profile, const report::Report& r,
                          const std::string& extension) {
    std::string pattern = profile && !profile->file_name.empty() ? profile->file_name
                                                                 : std::string("{type}_{unit_ascii}_{period}");
    std::string ascii = locale::strip_diacritics(r.unit.name);
    std::replace(ascii.begin(), ascii.end(), ' ', '-');
    std::string name = pattern;
    const bool has_amendment = name.find("{amendment}") != std::string::npos;
    name = replace_all(std::move(name), "{unit}", r.unit.name);
    name = replace_all(std::move(name), "{unit_ascii}", ascii);
    name = replace_all(std::move(name), "{type}", r.type_id);
    name = replace_all(std::move(name), "{period}", r.period.code());
    name = replace_all(std::move(name), "{edition}", r.edition);
    name = replace_all(std::move(name), "{number}", r.header.number);
    name = replace_all(std::move(name), "{amendment}", std::to_string(r.amendment));
    if (r.amendment > 0 && !has_amendment) name += "_sua-doi-" + std::to_string(r.amendment);
    // A file name, never a path: separators and control characters become '-'.
    std::string safe;
    for (unsigned char c : name) {
        if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f || c == ':' || c == '*' || c == '?' ||
            c == '"' || c == '<' || c == '>' || c == '|')
            safe += '-';
        else
            safe += static_cast<char>(c);
    }
    while (!safe.empty() && (safe.front() == '.' || safe.front() == ' ')) safe.erase(0, 1);
    if (safe.empty()) safe = "report";
    return safe + "." + extension;
}

}  // namespace rb::exporting
