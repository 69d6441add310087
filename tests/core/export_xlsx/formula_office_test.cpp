// The spreadsheet formulas compute what the language computes: each expression is evaluated
// by the expression engine and by LibreOffice over the same inputs (numbers, blanks, not
// applicable), including zero denominators. Needs soffice; skips only when it is absent.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "../../support/office.hpp"
#include "expr/spreadsheet.hpp"
#include "locale/vi.hpp"
#include "xlsx_test_support.hpp"

namespace rb::exporting {
namespace {

using expr::Value;

// Inputs A, B, C in columns A..C; each case is one row.
const std::vector<std::vector<Value>> kInputs = {
    {Value::of(6), Value::of(1), Value::of(0)},          {Value::of(0), Value::of(0), Value::of(2)},
    {Value::blank(), Value::of(3), Value::of(4)},         {Value::not_applicable(), Value::of(3), Value::of(-1)},
    {Value::blank(), Value::blank(), Value::blank()},     {Value::of(2.5), Value::not_applicable(), Value::blank()},
};

const char* kExpressions[] = {
    "A + B * C",  "ratio(B, A)", "A / C",          "sum(A, B, C)", "min(A, B / C)", "max(A, C)",
    "if(A > B, B, C)", "blank(A)", "not (A = B)",  "A > 1 and C < 1", "A or C",   "round(B / 3, 2)",
    "abs(C - A)", "-A",           "sum(A / C, B)", "if(blank(C), 0, C)",
};

// What the CSV shows: "" for blank, the not-applicable text, or the number at 9 decimals.
std::string expected_text(const Value& v) {
    if (v.is_blank()) return "";
    if (v.is_not_applicable()) return "n/a";
    return fmt::format("{:.9f}", v.number);
}

std::string shown(const std::string& field) {
    char* end = nullptr;
    const double n = std::strtod(field.c_str(), &end);
    if (field.empty() || *end) return field;
    return fmt::format("{:.9f}", n);
}

TEST(SpreadsheetFormulaOffice, LibreOfficeComputesWhatTheLanguageComputes) {
    if (!rb::testing::have_program("soffice")) FAIL() << "missing, and ./test installs it (packaging/debian-deps.sh): " << "soffice not installed";
    const auto dir = testing::out_dir("formulas");
    const std::string path = (dir / "formulas.xlsx").string();
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "f");
    std::vector<std::vector<std::string>> expected;
    auto cell_of = [](lxw_row_t row) {
        return [row](std::string_view code) -> std::optional<expr::SheetCell> {
            if (code.size() != 1 || code[0] < 'A' || code[0] > 'C') return std::nullopt;
            return expr::SheetCell{std::string(1, code[0]) + std::to_string(row + 1), false};
        };
    };
    for (std::size_t i = 0; i < kInputs.size(); ++i) {
        const auto row = static_cast<lxw_row_t>(i);
        for (lxw_col_t c = 0; c < 3; ++c) {
            const Value& v = kInputs[i][c];
            if (v.is_number()) worksheet_write_number(ws, row, c, v.number, nullptr);
            else if (v.is_not_applicable()) worksheet_write_string(ws, row, c, "n/a", nullptr);
        }
        std::vector<std::string> want;
        lxw_col_t col = 3;
        for (const char* source : kExpressions) {
            auto e = expr::Expr::parse(source);
            ASSERT_TRUE(e) << source;
            ASSERT_TRUE(e->bind([](std::string_view code) -> std::optional<std::size_t> {
                return static_cast<std::size_t>(code[0] - 'A');
            }));
            want.push_back(expected_text(e->evaluate(kInputs[i])));
            auto f = expr::to_spreadsheet_formula(*e, cell_of(row));
            ASSERT_TRUE(f) << source << ": " << f.error();
            // An empty cached result makes LibreOffice compute the formula on load.
            worksheet_write_formula_str(ws, row, col++, ("=" + *f).c_str(), nullptr, "");
        }
        expected.push_back(std::move(want));
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

    // CSV: LibreOffice writes each cell's value, not as formatted.
    const testing::fs::path profile = testing::fs::absolute(dir) / ".lo-profile";
    const std::string cmd = "soffice -env:UserInstallation=file://" + profile.string() +
                            " --headless --norestore --convert-to csv --outdir " + rb::testing::shell_quote(dir.string()) +
                            " " + rb::testing::shell_quote(path) + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    std::ifstream csv(dir / "formulas.csv");
    ASSERT_TRUE(csv);
    std::string line;
    for (std::size_t i = 0; i < kInputs.size(); ++i) {
        ASSERT_TRUE(std::getline(csv, line)) << "row " << i;
        std::vector<std::string> fields;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, ',')) fields.push_back(field);
        if (!line.empty() && line.back() == ',') fields.push_back("");
        fields.resize(3 + std::size(kExpressions));
        for (std::size_t k = 0; k < std::size(kExpressions); ++k)
            EXPECT_EQ(shown(fields[3 + k]), expected[i][k]) << kExpressions[k] << " on row " << i + 1 << ": " << line;
    }
}

}  // namespace
}  // namespace rb::exporting
