#include "report/report.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "i18n/i18n.hpp"

namespace rb::report {
namespace {

rb::Status read_only_refusal(const Report& r) {
    return rb::Status::fail(r.read_only_reason.empty() ? std::string(tr("Báo cáo chỉ mở để xem."))
                                                       : r.read_only_reason);
}

}  // namespace

const char* to_string(Status s) {
    switch (s) {
        case Status::Draft:
            return "draft";
        case Status::Complete:
            return "complete";
        case Status::Submitted:
            return "submitted";
    }
    return "draft";
}

Result<Status> parse_status(std::string_view text) {
    if (text == "draft") return Result<Status>::ok(Status::Draft);
    if (text == "complete") return Result<Status>::ok(Status::Complete);
    if (text == "submitted") return Result<Status>::ok(Status::Submitted);
    return Result<Status>::fail(
        trf("Trạng thái \"{}\" không hợp lệ (dùng draft, complete hoặc submitted).", text));
}

bool is_locked(const Report& r) {
    return r.read_only || r.status == Status::Submitted;
}

rb::Status ensure_editable(const Report& r) {
    if (r.read_only) return read_only_refusal(r);
    if (r.status == Status::Submitted) return rb::Status::fail(tr("Báo cáo đã nộp; hãy tạo bản sửa đổi."));
    return ok_status();
}

rb::Status change_status(Report& r, Status to) {
    if (r.read_only) return read_only_refusal(r);
    if (r.status == to) return ok_status();
    if (r.status == Status::Submitted) return rb::Status::fail(tr("Báo cáo đã nộp; hãy tạo bản sửa đổi."));
    if (r.status == Status::Draft && to == Status::Submitted)
        return rb::Status::fail(tr("Báo cáo chưa hoàn thành; hãy đánh dấu hoàn thành trước khi nộp."));
    r.status = to;
    return ok_status();
}

Report make_amendment(const Report& submitted, const std::string& original_file_name) {
    Report copy = submitted;
    copy.status = Status::Draft;
    copy.amendment = submitted.amendment + 1;
    copy.amends = original_file_name;
    copy.created = copy.modified = timestamp_now();
    return copy;
}

std::string timestamp_now() {
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day date{day};
    const hh_mm_ss time{now - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", int(date.year()), unsigned(date.month()),
                       unsigned(date.day()), time.hours().count(), time.minutes().count(),
                       time.seconds().count());
}

}  // namespace rb::report
