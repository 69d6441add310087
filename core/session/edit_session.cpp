#include "session/edit_session.hpp"

#include "base/paths.hpp"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <filesystem>
#include <regex>

#include "i18n/i18n.hpp"
#include "locale/vi.hpp"
#include "plugin/extensions.hpp"
#include "report/entry.hpp"
#include "report/unit_catalog.hpp"

namespace fs = std::filesystem;

namespace rb::session {
namespace {

std::string next_session_id() {
    static std::atomic<unsigned> counter{0};
    return fmt::format("s{}", ++counter);
}

std::string date_text(const report::SimpleDate& d) {
    if (d.year == 0) return {};
    return locale::format_date_short(locale::Date{d.year, d.month, d.day});
}

// Text typed into a form: valid UTF-8 in NFC, without surrounding blanks.
Result<std::string> clean_text(std::string_view typed, const char* field) {
    if (!locale::is_valid_utf8(typed)) return Result<std::string>::fail(trf("{}: văn bản không phải UTF-8 hợp lệ", field));
    std::string t = locale::to_nfc(typed);
    const auto b = t.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return Result<std::string>::ok({});
    const auto e = t.find_last_not_of(" \t\r\n");
    return Result<std::string>::ok(t.substr(b, e - b + 1));
}


}  // namespace

const char* header_field_label(HeaderField f) {
    switch (f) {
        case HeaderField::ParentBody: return tr("Cơ quan cấp trên");
        case HeaderField::IssuingBody: return tr("Cơ quan ban hành");
        case HeaderField::Number: return tr("Số");
        case HeaderField::Symbol: return tr("Ký hiệu");
        case HeaderField::Place: return tr("Địa danh");
        case HeaderField::Date: return tr("Ngày ban hành");
        case HeaderField::Summary: return tr("Trích yếu");
        case HeaderField::SigningAuthority: return tr("Thẩm quyền ký");
        case HeaderField::SignerTitle: return tr("Chức vụ người ký");
        case HeaderField::SignerName: return tr("Người ký");
        case HeaderField::Recipients: return tr("Nơi nhận");
        case HeaderField::WindowFrom: return tr("Số liệu từ ngày");
        case HeaderField::WindowTo: return tr("Số liệu đến ngày");
        case HeaderField::UnitName: return tr("Tên đơn vị");
        case HeaderField::UnitParent: return tr("Đơn vị cấp trên");
        case HeaderField::UnitProvince: return tr("Tỉnh");
        case HeaderField::UnitKind: return tr("Loại đơn vị");
        case HeaderField::UnitParentKind: return tr("Loại đơn vị cấp trên");
        case HeaderField::FormerNames: return tr("Tên cũ của đơn vị");
        case HeaderField::UnitCode: return tr("Mã đơn vị");
    }
    return "";
}

const std::vector<HeaderField>& header_fields() {
    static const std::vector<HeaderField> all = {
        HeaderField::UnitCode,   HeaderField::UnitName,    HeaderField::UnitParent,       HeaderField::UnitProvince,
        HeaderField::ParentBody,
        HeaderField::IssuingBody, HeaderField::Number,     HeaderField::Symbol,           HeaderField::Place,
        HeaderField::Date,       HeaderField::WindowFrom,  HeaderField::WindowTo,         HeaderField::Summary,
        HeaderField::SigningAuthority, HeaderField::SignerTitle, HeaderField::SignerName, HeaderField::Recipients,
    };
    return all;
}

namespace {

struct FieldKey {
    HeaderField field;
    const char* key;
};

// The command line's names, in the order its usage lists them.
constexpr FieldKey kFieldKeys[] = {
    {HeaderField::Number, "number"},
    {HeaderField::Symbol, "symbol"},
    {HeaderField::Place, "place"},
    {HeaderField::Date, "date"},
    {HeaderField::Summary, "summary"},
    {HeaderField::SignerName, "signer"},
    {HeaderField::SignerTitle, "signer-title"},
    {HeaderField::SigningAuthority, "authority"},
    {HeaderField::IssuingBody, "issuing-body"},
    {HeaderField::ParentBody, "parent-body"},
    {HeaderField::Recipients, "recipients"},
    {HeaderField::WindowFrom, "from"},
    {HeaderField::WindowTo, "to"},
    {HeaderField::UnitName, "unit"},
    {HeaderField::UnitCode, "unit-code"},
    {HeaderField::UnitKind, "unit-kind"},
    {HeaderField::UnitParent, "parent"},
    {HeaderField::UnitParentKind, "parent-kind"},
    {HeaderField::UnitProvince, "province"},
    {HeaderField::FormerNames, "former-names"},
};

}  // namespace

const char* header_field_key(HeaderField f) {
    for (const auto& k : kFieldKeys)
        if (k.field == f) return k.key;
    return "";
}

std::optional<HeaderField> header_field_from_key(std::string_view key) {
    for (const auto& k : kFieldKeys)
        if (key == k.key) return k.field;
    return std::nullopt;
}

const std::vector<HeaderField>& all_header_fields() {
    static const std::vector<HeaderField> all = [] {
        std::vector<HeaderField> v;
        for (const auto& k : kFieldKeys) v.push_back(k.field);
        return v;
    }();
    return all;
}

EditSession::EditSession(const plugin::Registry& registry, report::Report report, validate::Evaluation evaluation,
                         std::string path)
    : registry_(&registry),
      report_(std::move(report)),
      evaluation_(std::move(evaluation)),
      path_(std::move(path)),
      id_(next_session_id()) {}

Result<std::unique_ptr<EditSession>> EditSession::open(const plugin::Registry& registry, const std::string& path) {
    files::FileStamp stamp;
    auto r = report::load(path, &stamp);
    if (!r) return Result<std::unique_ptr<EditSession>>::fail(r.error());
    auto s = create(registry, std::move(*r), path, false);
    if (s) (*s)->stamp_ = stamp;
    return s;
}

Result<std::unique_ptr<EditSession>> EditSession::create(const plugin::Registry& registry, report::Report report,
                                                         std::string path, bool dirty) {
    using R = Result<std::unique_ptr<EditSession>>;
    auto type = registry.find(report.type_id, report.edition);
    if (!type) {
        const std::string where = path.empty() ? std::string(tr("(báo cáo chưa lưu)")) : path;
        return R::fail(trf("{}: {}; tệp không bị thay đổi.", where, registry.why_unavailable(report.type_id, report.edition)));
    }
    auto ev = validate::Evaluation::create(type);
    if (!ev) return R::fail(ev.error());
    ev->load(report);
    std::unique_ptr<EditSession> s(new EditSession(registry, std::move(report), std::move(*ev), std::move(path)));
    s->dirty_ = dirty;
    if (!dirty) s->clean_pos_ = 0;
    s->revalidate();
    return R::ok(std::move(s));
}

std::string EditSession::shown(const schema::LocalText& text) const {
    return report::fill_placeholders(text.get(), report_, i18n::language());
}

std::string EditSession::display_name() const {
    if (!path_.empty()) return paths::file_name(path_);
    const auto& p = report_.period;
    return type().title.get() + " — " + p.label(i18n::language());
}

void EditSession::set_previous(std::optional<report::Report> previous) {
    previous_ = std::move(previous);
    evaluation_.set_previous(previous_ ? &*previous_ : nullptr);
    evaluation_.load(report_);
    revalidate();
}

void EditSession::set_extra_checks(ExtraChecks checks) {
    extra_checks_ = std::move(checks);
    revalidate();
}

void EditSession::revalidate() {
    findings_ = plugin::validate_all(*registry_, evaluation_, report_, previous());
    if (extra_checks_) validate::add_findings(findings_, extra_checks_(evaluation_, report_), report_);
}

void EditSession::touch() {
    dirty_ = true;
    ++revision_;
}

void EditSession::record(Step step) {
    if (clean_pos_ && *clean_pos_ > undo_pos_) clean_pos_.reset();  // the saved state is dropped
    history_.resize(undo_pos_);  // a new edit drops what was undone
    history_.push_back(std::move(step));
    undo_pos_ = history_.size();
}

Change EditSession::apply_entry(const std::string& code, const std::optional<report::Entry>& entry) {
    Change c;
    if (entry) report_.values[code] = *entry;
    else report_.values.erase(code);
    if (auto slot = type().slot(code)) {
        c.slots = evaluation_.set(*slot, entry ? entry->value : std::string());
        if (std::find(c.slots.begin(), c.slots.end(), *slot) == c.slots.end()) c.slots.push_back(*slot);
    }
    return c;
}

Result<Change> EditSession::set_entry(std::string_view code, std::optional<report::Entry> entry) {
    const std::string key(code);
    std::optional<report::Entry> before;
    if (auto it = report_.values.find(key); it != report_.values.end()) before = it->second;
    if (before == entry) return Result<Change>::ok({});
    coalesce_open_ = false;
    Step step;
    step.kind = Step::Kind::Value;
    step.key = key;
    step.value_before = before;
    step.value_after = entry;
    Change c = apply_entry(key, entry);
    record(std::move(step));
    touch();
    revalidate();
    return Result<Change>::ok(std::move(c));
}

Result<Change> EditSession::set_value(std::string_view code, std::string_view typed) {
    if (auto ok = report::ensure_editable(report_); !ok) return Result<Change>::fail(ok.error());
    const auto* ind = type().indicator(code);
    if (!ind)
        return Result<Change>::fail(trf("Không có chỉ tiêu “{}” trong loại báo cáo {} (ấn bản {})", code, type().id,
                                        type().edition));
    auto canonical = report::canonical_value(*ind, typed);
    if (!canonical) return Result<Change>::fail(canonical.error());
    std::optional<report::Entry> entry;
    if (auto it = report_.values.find(ind->code); it != report_.values.end()) entry = it->second;
    if (!entry) entry = report::Entry{};
    entry->value = *canonical;
    if (entry->value.empty() && entry->note.empty()) entry.reset();
    return set_entry(ind->code, std::move(entry));
}

Result<Change> EditSession::set_values(const std::vector<report::Assignment>& values) {
    using R = Result<Change>;
    if (auto ok = report::ensure_editable(report_); !ok) return R::fail(ok.error());
    // Every value is checked before any is written; every refusal is named.
    std::string errors;
    for (const auto& v : values) {
        const auto* ind = type().indicator(v.code);
        std::string why;
        if (!ind)
            why = trf("Không có chỉ tiêu “{}” trong loại báo cáo {} (ấn bản {})", v.code, type().id, type().edition);
        else if (auto c = report::canonical_value(*ind, v.typed); !c)
            why = c.error();
        if (!why.empty()) errors += (errors.empty() ? "" : "\n") + why;
    }
    if (!errors.empty()) return R::fail(errors + "\n" + tr("Không có giá trị nào được ghi."));
    Change all;
    for (const auto& v : values) {
        auto c = set_value(v.code, v.typed);
        if (!c) return R::fail(c.error());  // cannot happen: checked above
        for (auto slot : c->slots)
            if (std::find(all.slots.begin(), all.slots.end(), slot) == all.slots.end()) all.slots.push_back(slot);
    }
    return R::ok(std::move(all));
}

Result<Change> EditSession::set_note(std::string_view code, std::string_view text) {
    if (auto ok = report::ensure_editable(report_); !ok) return Result<Change>::fail(ok.error());
    const auto* ind = type().indicator(code);
    if (!ind || ind->heading)
        return Result<Change>::fail(trf("Không có chỉ tiêu “{}” trong loại báo cáo {} (ấn bản {})", code, type().id,
                                        type().edition));
    auto note = clean_text(text, ind->code.c_str());
    if (!note) return Result<Change>::fail(note.error());
    std::optional<report::Entry> entry;
    if (auto it = report_.values.find(ind->code); it != report_.values.end()) entry = it->second;
    if (!entry) entry = report::Entry{};
    entry->note = *note;
    if (entry->value.empty() && entry->note.empty()) entry.reset();
    return set_entry(ind->code, std::move(entry));
}

Result<Change> EditSession::set_text(std::string_view section, std::string_view text) {
    if (auto ok = report::ensure_editable(report_); !ok) return Result<Change>::fail(ok.error());
    if (!type().section(section)) {
        std::string ids;
        for (const auto& s : type().sections) ids += (ids.empty() ? "" : ", ") + s.id;
        return Result<Change>::fail(trf("Không có mục “{}”; các mục: {}", section, ids));
    }
    if (!locale::is_valid_utf8(text)) return Result<Change>::fail(tr("Văn bản không phải UTF-8 hợp lệ"));
    // Kept exactly as typed (NFC only): trimming while the user types would eat their spaces.
    const std::string after = locale::to_nfc(text);
    const std::string key(section);
    auto it = report_.narrative.find(key);
    const std::string before = it == report_.narrative.end() ? std::string() : it->second;
    if (before == after) return Result<Change>::ok({});
    if (after.empty()) report_.narrative.erase(key);
    else report_.narrative[key] = after;

    const bool merge = coalesce_open_ && undo_pos_ == history_.size() && !history_.empty() &&
                       history_.back().kind == Step::Kind::Text && history_.back().key == key;
    if (merge) {
        if (clean_pos_ == undo_pos_) clean_pos_.reset();  // the saved step itself changes
        history_.back().text_after = after;
    } else {
        Step step;
        step.kind = Step::Kind::Text;
        step.key = key;
        step.text_before = before;
        step.text_after = after;
        record(std::move(step));
        coalesce_open_ = true;
    }
    touch();
    revalidate();
    Change c;
    c.section = key;
    return Result<Change>::ok(std::move(c));
}

std::string EditSession::header_text(HeaderField field) const {
    const auto& h = report_.header;
    switch (field) {
        case HeaderField::ParentBody: return h.parent_body;
        case HeaderField::IssuingBody: return h.issuing_body;
        case HeaderField::Number: return h.number;
        case HeaderField::Symbol: return h.symbol;
        case HeaderField::Place: return h.place;
        case HeaderField::Date: return h.date ? date_text(*h.date) : std::string();
        case HeaderField::Summary: return h.summary;
        case HeaderField::SigningAuthority: return h.signing_authority;
        case HeaderField::SignerTitle: return h.signer_title;
        case HeaderField::SignerName: return h.signer_name;
        case HeaderField::Recipients: {
            std::string out;
            for (const auto& r : h.recipients) out += (out.empty() ? "" : "\n") + r;
            return out;
        }
        case HeaderField::WindowFrom: return date_text(report_.window_from);
        case HeaderField::WindowTo: return date_text(report_.window_to);
        case HeaderField::UnitName: return report_.unit.name;
        case HeaderField::UnitParent: return report_.unit.parent;
        case HeaderField::UnitProvince: return report_.unit.province;
        case HeaderField::UnitKind: return report_.unit.kind;
        case HeaderField::UnitCode: return report_.unit.code;
        case HeaderField::UnitParentKind: return report_.unit.parent_kind;
        case HeaderField::FormerNames: {
            std::string out;
            for (const auto& n : report_.unit.former_names) out += (out.empty() ? "" : "\n") + n;
            return out;
        }
    }
    return {};
}

namespace {

// Splits a list typed one item per line or separated by ";" (as a shell argument) into its
// items: "- Lưu: VT." as printed is "Lưu: VT" (the dash and the final punctuation are layout).
std::vector<std::string> split_list(const std::string& all, const char* label) {
    std::vector<std::string> items;
    std::string item;
    for (std::size_t at = 0; at <= all.size(); ++at) {
        if (at == all.size() || all[at] == '\n' || all[at] == ';') {
            auto t = clean_text(item, label);
            std::string v = t ? *t : std::string();
            while (!v.empty() && (v.front() == '-' || v.front() == ' ')) v.erase(0, 1);
            while (!v.empty() && (v.back() == '.' || v.back() == ' ')) v.pop_back();
            if (!v.empty()) items.push_back(v);
            item.clear();
        } else {
            item.push_back(all[at]);
        }
    }
    return items;
}

// One field of `after` set from what was typed; the order of the data window is checked by the
// caller once every field is in.
rb::Status put_header_field(report::Report& after, HeaderField field, std::string_view typed) {
    using R = rb::Status;
    const char* label = header_field_label(field);
    auto& h = after.header;
    if (field == HeaderField::Recipients || field == HeaderField::FormerNames) {
        if (!locale::is_valid_utf8(typed)) return R::fail(trf("{}: văn bản không phải UTF-8 hợp lệ", label));
        auto items = split_list(locale::to_nfc(typed), label);
        (field == HeaderField::Recipients ? h.recipients : after.unit.former_names) = std::move(items);
        return ok_status();
    }
    auto text = clean_text(typed, label);
    if (!text) return R::fail(text.error());
    auto parse_date = [&](bool allow_empty) -> Result<std::optional<report::SimpleDate>> {
        using D = Result<std::optional<report::SimpleDate>>;
        if (text->empty()) {
            if (allow_empty) return D::ok(std::nullopt);
            return D::fail(trf("{}: cần một ngày, ví dụ 08/3/2024", label));
        }
        auto d = locale::parse_date(*text);
        if (!d) return D::fail(trf("{}: {}", label, d.error()));
        return D::ok(report::SimpleDate{d->year, d->month, d->day});
    };
    switch (field) {
        case HeaderField::ParentBody: h.parent_body = *text; break;
        case HeaderField::IssuingBody: h.issuing_body = *text; break;
        case HeaderField::Number: h.number = *text; break;
        case HeaderField::Symbol: h.symbol = *text; break;
        case HeaderField::Place: h.place = *text; break;
        case HeaderField::Summary: h.summary = *text; break;
        case HeaderField::SigningAuthority: h.signing_authority = *text; break;
        case HeaderField::SignerTitle: h.signer_title = *text; break;
        case HeaderField::SignerName: h.signer_name = *text; break;
        case HeaderField::UnitName:
            if (text->empty()) return R::fail(trf("{}: không được để trống", label));
            after.unit.name = *text;
            break;
        case HeaderField::UnitKind: after.unit.kind = *text; break;
        case HeaderField::UnitCode: {
            if (text->empty()) {
                after.unit.code.clear();
                break;
            }
            if (!std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; }))
                return R::fail(trf("{}: \"{}\" không phải mã đơn vị (chỉ gồm chữ số, ví dụ 14029)", label, *text));
            auto pick = report::pick_unit(units::installed(), *text, {}, after.period);
            if (!pick) return R::fail(trf("{}: {}", label, pick.error()));
            after.unit = report::unit_info(units::installed(), *pick->unit, after.period, after.unit);
            break;
        }
        case HeaderField::UnitParent: after.unit.parent = *text; break;
        case HeaderField::UnitParentKind: after.unit.parent_kind = *text; break;
        case HeaderField::UnitProvince: after.unit.province = *text; break;
        case HeaderField::Date: {
            auto d = parse_date(true);
            if (!d) return R::fail(d.error());
            h.date = *d;
            break;
        }
        case HeaderField::WindowFrom:
        case HeaderField::WindowTo: {
            auto d = parse_date(false);
            if (!d) return R::fail(d.error());
            (field == HeaderField::WindowFrom ? after.window_from : after.window_to) = **d;
            break;
        }
        case HeaderField::Recipients:
        case HeaderField::FormerNames: break;
    }
    return ok_status();
}

}  // namespace

Result<Change> EditSession::set_header(HeaderField field, std::string_view typed) {
    return set_header({{field, std::string(typed)}});
}

Result<Change> EditSession::set_header(const std::vector<std::pair<HeaderField, std::string>>& fields) {
    using R = Result<Change>;
    if (auto ok = report::ensure_editable(report_); !ok) return R::fail(ok.error());
    report::Report after = report_;
    for (const auto& [field, typed] : fields)
        if (auto ok = put_header_field(after, field, typed); !ok) return R::fail(ok.error());
    if (after.window_to < after.window_from) return R::fail(tr("Ngày cuối kỳ số liệu sớm hơn ngày đầu kỳ"));
    if (after.header == report_.header && after.unit == report_.unit && after.window_from == report_.window_from &&
        after.window_to == report_.window_to)
        return R::ok({});
    coalesce_open_ = false;
    Step step;
    step.kind = Step::Kind::Header;
    step.header_before = report_;
    step.header_after = after;
    // Only the header part of the snapshots is used; drop the rest to keep the history small.
    for (auto* r : {&step.header_before, &step.header_after}) {
        r->values.clear();
        r->narrative.clear();
    }
    record(std::move(step));
    report_.header = after.header;
    report_.unit = after.unit;
    report_.window_from = after.window_from;
    report_.window_to = after.window_to;
    touch();
    evaluation_.load(report_);  // the unit and the window feed placeholders and narrative checks
    revalidate();
    Change c;
    c.header = true;
    return R::ok(std::move(c));
}

std::vector<plugin::DraftOutcome> EditSession::draft_empty_sections(std::string_view section) {
    if (!report::ensure_editable(report_)) return {};
    report::Report copy = report_;
    auto outcomes = plugin::draft(*registry_, evaluation_, copy, std::string(section), previous());
    for (auto& o : outcomes) {
        if (o.kind != plugin::DraftOutcome::Kind::Drafted) continue;
        break_coalescing();  // one undo step per drafted section
        if (auto ok = set_text(o.section, copy.narrative[o.section]); !ok) {
            o.kind = plugin::DraftOutcome::Kind::Failed;
            o.message = ok.error();
        }
    }
    break_coalescing();
    return outcomes;
}

Result<std::string> EditSession::draft_text(std::string_view section) const {
    using R = Result<std::string>;
    if (!type().section(section)) return R::fail(trf("Không có mục “{}”", section));
    report::Report copy = report_;
    copy.narrative.erase(std::string(section));
    const auto outcomes = plugin::draft(*registry_, evaluation_, copy, std::string(section), previous());
    for (const auto& o : outcomes) {
        if (o.section != section) continue;
        switch (o.kind) {
            case plugin::DraftOutcome::Kind::Drafted: return R::ok(copy.narrative[std::string(section)]);
            case plugin::DraftOutcome::Kind::Failed: return R::fail(o.message);
            case plugin::DraftOutcome::Kind::KeptUserText:
            case plugin::DraftOutcome::Kind::NothingToDraft: break;
        }
    }
    return R::fail(trf("Mục {} không có mẫu soạn sẵn.", section));
}

Change EditSession::apply(const Step& step, bool forward) {
    Change c;
    switch (step.kind) {
        case Step::Kind::Value: c = apply_entry(step.key, forward ? step.value_after : step.value_before); break;
        case Step::Kind::Text: {
            const std::string& t = forward ? step.text_after : step.text_before;
            if (t.empty()) report_.narrative.erase(step.key);
            else report_.narrative[step.key] = t;
            c.section = step.key;
            break;
        }
        case Step::Kind::Header: {
            const report::Report& src = forward ? step.header_after : step.header_before;
            report_.header = src.header;
            report_.unit = src.unit;
            report_.window_from = src.window_from;
            report_.window_to = src.window_to;
            evaluation_.load(report_);
            c.header = true;
            break;
        }
        case Step::Kind::Justification:
            put_justification(step.key, forward ? step.justification_after : step.justification_before);
            break;
        case Step::Kind::Status:
            report_.status = forward ? step.status_after : step.status_before;
            c.status = true;
            break;
    }
    touch();
    revalidate();
    return c;
}

Change EditSession::undo() {
    if (!can_undo() || read_only()) return {};
    coalesce_open_ = false;
    --undo_pos_;
    Change c = apply(history_[undo_pos_], false);
    dirty_ = clean_pos_ != undo_pos_;  // back at the saved state is not a change
    return c;
}

Change EditSession::redo() {
    if (!can_redo() || read_only()) return {};
    coalesce_open_ = false;
    const Step& step = history_[undo_pos_];
    ++undo_pos_;
    Change c = apply(step, true);
    dirty_ = clean_pos_ != undo_pos_;
    return c;
}

Result<Change> EditSession::set_status(report::Status to) {
    using R = Result<Change>;
    const report::Status before = report_.status;
    if (before == to) return R::ok({});
    if (to != report::Status::Draft && findings_.errors > 0)
        return R::fail(trf("Báo cáo còn {} lỗi; hãy sửa hết lỗi trước khi đánh dấu hoàn thành hoặc nộp.",
                           findings_.errors));
    report::Report after = report_;
    if (auto ok = report::change_status(after, to); !ok) return R::fail(ok.error());
    coalesce_open_ = false;
    report_.status = after.status;
    if (to == report::Status::Submitted) {
        history_.clear();
        undo_pos_ = 0;
        clean_pos_.reset();
    } else {
        Step step;
        step.kind = Step::Kind::Status;
        step.status_before = before;
        step.status_after = to;
        record(std::move(step));
    }
    touch();
    revalidate();
    Change c;
    c.status = true;
    return R::ok(std::move(c));
}

std::string EditSession::suggested_amendment_path() const {
    if (path_.empty()) return {};
    const fs::path p = paths::fs_path(path_);
    // "x-sua-doi-1" amended again becomes "x-sua-doi-2", not "x-sua-doi-1-sua-doi-2".
    static const std::regex suffix("-sua-doi-[0-9]+$");
    const std::string stem = std::regex_replace(paths::text_of(p.stem()), suffix, "");
    return paths::join(paths::text_of(p.parent_path()), fmt::format("{}-sua-doi-{}.rbr", stem, report_.amendment + 1));
}

Result<std::unique_ptr<EditSession>> EditSession::make_amendment(const std::string& new_path) const {
    using R = Result<std::unique_ptr<EditSession>>;
    if (report_.status != report::Status::Submitted)
        return R::fail(tr("Chỉ tạo bản sửa đổi cho báo cáo đã nộp; báo cáo chưa nộp thì sửa trực tiếp."));
    if (paths::exists(new_path)) return R::fail(trf("Tệp {} đã có; hãy chọn tên khác.", new_path));
    const std::string original = path_.empty() ? std::string() : paths::file_name(path_);
    auto s = create(*registry_, report::make_amendment(report_, original), {}, true);
    if (!s) return s;
    if (previous_) (*s)->set_previous(previous_);
    if (auto ok = (*s)->save_as(new_path); !ok) return R::fail(ok.error());
    return s;
}

const report::Justification* EditSession::justification(std::string_view key) const {
    for (const auto& j : report_.justifications)
        if (j.rule == key) return &j;
    return nullptr;
}

void EditSession::put_justification(const std::string& key, const std::optional<report::Justification>& j) {
    auto& list = report_.justifications;
    auto it = std::find_if(list.begin(), list.end(), [&](const report::Justification& x) { return x.rule == key; });
    if (!j) {
        if (it != list.end()) list.erase(it);
    } else if (it != list.end()) {
        *it = *j;
    } else {
        list.push_back(*j);
    }
}

Result<Change> EditSession::change_justification(const std::string& key, std::optional<report::Justification> after) {
    std::optional<report::Justification> before;
    if (const auto* j = justification(key)) before = *j;
    if (before == after) return Result<Change>::ok({});
    coalesce_open_ = false;
    Step step;
    step.kind = Step::Kind::Justification;
    step.key = key;
    step.justification_before = before;
    step.justification_after = after;
    put_justification(key, after);
    record(std::move(step));
    touch();
    revalidate();
    return Result<Change>::ok({});
}

Result<Change> EditSession::justify(std::string_view key, std::string_view text) {
    using R = Result<Change>;
    if (auto ok = report::ensure_editable(report_); !ok) return R::fail(ok.error());
    const auto& list = findings_.findings;
    auto f = std::find_if(list.begin(), list.end(), [&](const validate::Finding& x) { return x.key == key; });
    if (f == list.end()) return R::fail(trf("Không có cảnh báo nào mang khóa “{}”", key));
    if (f->severity == schema::Severity::Error)
        return R::fail(tr("Đây là lỗi, không phải cảnh báo: lỗi phải được sửa, không thể giải trình."));
    if (f->severity != schema::Severity::Warning) return R::fail(tr("Chỉ cảnh báo mới cần giải trình."));
    auto reason = clean_text(text, tr("Giải trình"));
    if (!reason) return R::fail(reason.error());
    if (reason->empty()) return R::fail(tr("Hãy ghi lý do giải trình."));
    return change_justification(std::string(key), report::Justification{std::string(key), *reason, locale::format_date_iso(locale::today())});
}

Result<Change> EditSession::remove_justification(std::string_view key) {
    using R = Result<Change>;
    if (auto ok = report::ensure_editable(report_); !ok) return R::fail(ok.error());
    if (!justification(key)) return R::fail(trf("Không có giải trình nào mang khóa “{}”", key));
    return change_justification(std::string(key), std::nullopt);
}

double EditSession::completeness() const {
    int total = 0, done = 0;
    for (const auto& ind : type().indicators) {
        if (ind.heading || ind.is_computed() || !ind.required) continue;
        ++total;
        auto it = report_.values.find(ind.code);
        if (it != report_.values.end() && !it->second.value.empty()) ++done;
    }
    for (const auto& s : type().sections) {
        if (!s.required) continue;
        ++total;
        auto it = report_.narrative.find(s.id);
        if (it != report_.narrative.end() && !it->second.empty()) ++done;
    }
    return total == 0 ? 100.0 : 100.0 * done / total;
}

rb::Status EditSession::save() {
    if (path_.empty()) return rb::Status::fail(tr("Báo cáo chưa có tên tệp; hãy chọn “Lưu thành”."));
    return save_as(path_);
}

rb::Status EditSession::save_as(const std::string& path) {
    report::Report copy = report_;
    copy.modified = report::timestamp_now();
    if (copy.created.empty()) copy.created = copy.modified;
    // Saving over the file this session read: refused if another program saved it meanwhile.
    const files::FileStamp* read = stamp_ && path == path_ ? &*stamp_ : nullptr;
    files::FileStamp written;
    if (auto ok = report::save(copy, path, read, &written); !ok) return ok;
    stamp_ = written;
    report_.modified = copy.modified;
    report_.created = copy.created;
    path_ = path;
    dirty_ = false;
    clean_pos_ = undo_pos_;
    coalesce_open_ = false;
    return ok_status();
}

}  // namespace rb::session
