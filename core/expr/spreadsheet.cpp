#include "expr/spreadsheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "expr/ast.hpp"
#include "i18n/i18n.hpp"

namespace rb::expr {
namespace {

using detail::Instr;
using detail::Op;

// The postfix program rebuilt as a tree: spreadsheet formulas nest, postfix does not.
struct Node {
    Op op = Op::Const;
    Kind kind = Kind::Number;  // Const only
    double number = 0.0;       // Const only
    std::uint32_t ref = 0;     // Load: index into references()
    Op fold = Op::Const;       // a sum/min/max: SumAcc, MinAcc or MaxAcc
    std::vector<std::size_t> kids;
};

constexpr std::size_t kNoNode = static_cast<std::size_t>(-1);

// Precedence of a piece's text as an operand: atoms (cells, numbers, calls) bind tightest.
enum class Prec { Add = 1, Mul = 2, Neg = 3, Atom = 4 };

// A translated subexpression. `text` is valid when every atom holds a known number and no
// denominator is zero; `atoms` are what makes the value blank ("") or not applicable (text),
// and `dens` the divisors that make it not applicable when 0 (inner ones first). A piece with
// neither is always a known number.
struct Piece {
    std::string text;
    Prec prec = Prec::Atom;
    std::vector<std::string> atoms;
    std::vector<std::string> dens;
    bool bare_ref = false;  // text is a single cell address, and the only atom
    bool complete = false;  // text gives "" and the not-applicable text itself (an IF, a SUM)
    bool fraction_ref = false;        // a cell holding a percent as a fraction, times 100
    std::optional<double> constant;  // a number written in the expression
};

// The operand's inputs, for an arithmetic piece built over it.
Piece over(const Piece& from) {
    Piece p;
    p.atoms = from.atoms;
    p.dens = from.dens;
    return p;
}

class Translator {
public:
    Translator(const Expr& e, const CellLookup& cell_of, const SpreadsheetOptions& options)
        : expr_(e), cell_of_(cell_of), options_(options) {}

    Result<std::string> run() {
        using R = Result<std::string>;
        const Expr::Parsed* parsed = expr_.parsed();
        if (!parsed) return R::fail(tr("biểu thức rỗng"));
        if (!parsed->previous_references.empty())
            return R::fail(tr("công thức dùng prev() (giá trị kỳ trước) không chuyển được sang bảng tính"));
        if (options_.not_applicable_text.empty())
            return R::fail(tr("công thức bảng tính cần một chữ cho giá trị “không phát sinh”"));
        na_ = quote(options_.not_applicable_text);
        for (const std::string& code : parsed->references) {
            auto cell = cell_of_(code);
            if (!cell || cell->address.empty())
                return R::fail(trf("chỉ tiêu {} không có ô trong bảng tính", code));
            cells_.push_back(std::move(*cell));
        }
        const std::size_t root = build(parsed->code);
        if (root == kNoNode) return R::fail(tr("biểu thức không đọc được"));
        auto top = translate(root);
        if (!top) return R::fail(too_long());
        std::string out = result_text(root, *top);
        if (out.size() > options_.max_length) return R::fail(too_long());
        return R::ok(std::move(out));
    }

private:
    std::string too_long() const {
        return trf("công thức bảng tính dài quá {} ký tự", options_.max_length);
    }

    static std::string quote(const std::string& s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + '"';
    }

    static std::string number(double x) {
        if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{:.0f}", x);
        return fmt::format("{}", x);
    }

    // Postfix → tree. Returns the root, or kNoNode for a program this reader does not expect.
    std::size_t build(const std::vector<Instr>& code) {
        std::vector<std::size_t> stack;
        auto pop = [&]() {
            const std::size_t n = stack.back();
            stack.pop_back();
            return n;
        };
        for (const Instr& in : code) {
            Node n;
            n.op = in.op;
            switch (in.op) {
                case Op::Const:
                    n.kind = in.kind;
                    n.number = in.number;
                    break;
                case Op::Load: n.ref = in.arg; break;
                case Op::LoadPrev: return kNoNode;
                case Op::Neg: case Op::Not: case Op::Round1: case Op::IsBlank: case Op::Abs:
                    if (stack.empty()) return kNoNode;
                    n.kids = {pop()};
                    break;
                case Op::If: {
                    if (stack.size() < 3) return kNoNode;
                    const std::size_t b = pop(), a = pop(), c = pop();
                    n.kids = {c, a, b};
                    break;
                }
                case Op::SumAcc: case Op::MinAcc: case Op::MaxAcc: {
                    // The parser opens a fold with a blank constant and folds each argument in.
                    if (stack.size() < 2) return kNoNode;
                    const std::size_t arg = pop();
                    Node& acc = nodes_[stack.back()];
                    if (acc.op == Op::Const && acc.kind == Kind::Blank) acc.fold = in.op;
                    if (acc.fold != in.op) return kNoNode;
                    acc.kids.push_back(arg);
                    continue;
                }
                default: {
                    if (stack.size() < 2) return kNoNode;
                    const std::size_t b = pop(), a = pop();
                    n.kids = {a, b};
                    break;
                }
            }
            nodes_.push_back(std::move(n));
            stack.push_back(nodes_.size() - 1);
        }
        return stack.size() == 1 ? stack.back() : kNoNode;
    }

    bool fits(const std::string& s) const { return s.size() <= options_.max_length; }

    static bool known(const Piece& p) { return p.atoms.empty() && p.dens.empty(); }

    static std::string paren(const Piece& p, Prec at_least) {
        return p.prec >= at_least ? p.text : "(" + p.text + ")";
    }

    // A test of the value: a cell as it is (ISNUMBER(D5), D5="").
    std::string test_form(const Piece& p) const {
        if (p.bare_ref || p.complete || known(p)) return p.text;
        return guarded(p, p.text);
    }

    // The value as a result: an empty cell must give "", not the 0 a bare reference yields.
    std::string value_form(const Piece& p) const {
        if (p.bare_ref) return "IF(" + p.text + "=\"\",\"\"," + p.text + ")";
        if (p.complete || known(p)) return p.text;
        return guarded(p, p.text);
    }

    // `body` behind the tests of p's atoms and denominators.
    std::string guarded(const Piece& p, const std::string& body) const {
        std::string out = body;
        for (auto it = p.dens.rbegin(); it != p.dens.rend(); ++it)
            out = "IF(" + *it + "=0," + na_ + "," + out + ")";
        if (p.atoms.empty()) return out;
        std::string blank_test, text_test;
        for (const std::string& a : p.atoms) {
            // Appends, not operator+ chains: GCC 12 warns falsely (-Wrestrict) on those at -O2.
            if (!blank_test.empty()) blank_test += ',';
            blank_test.append(a).append("=\"\"");
            if (!text_test.empty()) text_test += ',';
            text_test.append("ISTEXT(").append(a).append(")");
        }
        if (p.atoms.size() > 1) {
            blank_test = "OR(" + blank_test + ")";
            text_test = "OR(" + text_test + ")";
        }
        return "IF(" + blank_test + ",\"\",IF(" + text_test + "," + na_ + "," + out + "))";
    }

    // A formula that is complete by itself (blank and not applicable included) as a piece.
    static Piece whole(std::string text, bool always_known) {
        Piece p;
        p.text = std::move(text);
        p.complete = true;
        if (!always_known) p.atoms = {p.text};
        return p;
    }

    static void merge(Piece& into, const Piece& from) {
        for (const auto& a : from.atoms)
            if (std::find(into.atoms.begin(), into.atoms.end(), a) == into.atoms.end()) into.atoms.push_back(a);
        for (const auto& d : from.dens)
            if (std::find(into.dens.begin(), into.dens.end(), d) == into.dens.end()) into.dens.push_back(d);
    }

    std::string is_number(const Piece& p) const { return "ISNUMBER(" + test_form(p) + ")"; }

    std::optional<Piece> translate(std::size_t id) {
        std::optional<Piece> out = translate_node(nodes_[id]);
        if (!out || !fits(out->text)) return std::nullopt;
        for (const auto& a : out->atoms)
            if (!fits(a)) return std::nullopt;
        return out;
    }

    std::optional<Piece> translate_node(const Node& n) {
        std::vector<Piece> k;
        for (std::size_t kid : n.kids) {
            auto p = translate(kid);
            if (!p) return std::nullopt;
            k.push_back(std::move(*p));
        }
        Piece p;
        switch (n.op) {
            case Op::Const:
                if (n.kind == Kind::Blank) return fold(n, k);
                p.text = number(n.number);
                p.constant = n.number;
                return p;
            case Op::Load: {
                const SheetCell& c = cells_[n.ref];
                p.atoms = {c.address};
                if (c.holds_fraction) {
                    p.text = c.address + "*100";
                    p.prec = Prec::Mul;
                    p.fraction_ref = true;
                } else {
                    p.text = c.address;
                    p.bare_ref = true;
                }
                return p;
            }
            case Op::Neg:
                p = over(k[0]);
                p.text = "-" + paren(k[0], Prec::Atom);
                p.prec = Prec::Neg;
                return p;
            case Op::Abs: case Op::Round1:
                p = over(k[0]);
                p.text = (n.op == Op::Abs ? "ABS(" : "ROUND(") + k[0].text + (n.op == Op::Abs ? ")" : ",0)");
                p.prec = Prec::Atom;
                return p;
            case Op::Round2: {
                p = over(k[0]);
                merge(p, k[1]);
                // The language rounds the digit count and clamps it to 15 either way.
                std::string digits = known(k[1]) && nodes_[n.kids[1]].op == Op::Const
                    ? number(std::clamp(std::round(nodes_[n.kids[1]].number), -15.0, 15.0))
                    : "ROUND(" + k[1].text + ",0)";
                p.text = "ROUND(" + k[0].text + "," + digits + ")";
                p.prec = Prec::Atom;
                return p;
            }
            case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Ratio: {
                p = over(k[0]);
                merge(p, k[1]);
                const bool additive = n.op == Op::Add || n.op == Op::Sub;
                const Prec level = additive ? Prec::Add : Prec::Mul;
                // Left operands keep their grouping; right ones are bracketed at equal level.
                const std::string a = paren(k[0], level);
                const std::string b = paren(k[1], static_cast<Prec>(static_cast<int>(level) + 1));
                // A divisor written as a non-zero number needs no test.
                const bool divides = n.op == Op::Div || n.op == Op::Ratio;
                if (divides && !(k[1].constant && *k[1].constant != 0.0) &&
                    std::find(p.dens.begin(), p.dens.end(), k[1].text) == p.dens.end())
                    p.dens.push_back(k[1].text);
                const char* sign = n.op == Op::Add ? "+" : n.op == Op::Sub ? "-" : n.op == Op::Mul ? "*" : "/";
                p.text = a + sign + b + (n.op == Op::Ratio ? "*100" : "");
                p.prec = level;
                return p;
            }
            case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
                static constexpr const char* kSigns[] = {"=", "<>", "<", "<=", ">", ">="};
                const char* sign = kSigns[static_cast<int>(n.op) - static_cast<int>(Op::Eq)];
                // Behind the guard both operands are numbers: their plain text is safe.
                const std::string test = "IF(" + k[0].text + sign + k[1].text + ",1,0)";
                return whole(known_guard({&k[0], &k[1]}, test), known(k[0]) && known(k[1]));
            }
            case Op::Not: {
                const std::string test = "IF(" + paren(k[0], Prec::Add) + "=0,1,0)";
                return whole(known_guard({&k[0]}, test), known(k[0]));
            }
            case Op::And: case Op::Or: {
                const bool is_and = n.op == Op::And;
                // Kleene: one decisive operand (false for and, true for or) decides, else both
                // must be known.
                auto decisive = [&](const Piece& x) {
                    const std::string cmp = test_form(x) + (is_and ? "=0" : "<>0");
                    return known(x) ? cmp : "AND(" + is_number(x) + "," + cmp + ")";
                };
                const std::string win = is_and ? "0" : "1", lose = is_and ? "1" : "0";
                const std::string rest = known_guard({&k[0], &k[1]}, lose);
                return whole("IF(OR(" + decisive(k[0]) + "," + decisive(k[1]) + ")," + win + "," + rest + ")",
                             known(k[0]) && known(k[1]));
            }
            case Op::If: {
                const std::string pick = "IF(" + paren(k[0], Prec::Add) + "<>0," + value_form(k[1]) + "," +
                                         value_form(k[2]) + ")";
                const bool always = known(k[0]) && known(k[1]) && known(k[2]);
                return whole(known_guard({&k[0]}, pick), always);
            }
            case Op::IsBlank:
                return whole("IF(" + test_form(k[0]) + "=\"\",1,0)", true);
            default:
                return std::nullopt;
        }
    }

    // IF(AND(ISNUMBER(x),…),body,"") over the operands that may be unknown.
    std::string known_guard(std::initializer_list<const Piece*> operands, const std::string& body) const {
        std::string tests;
        int count = 0;
        for (const Piece* x : operands) {
            if (known(*x)) continue;
            if (!tests.empty()) tests += ',';
            tests.append(is_number(*x));
            ++count;
        }
        if (count == 0) return body;
        if (count > 1) tests = "AND(" + tests + ")";
        return "IF(" + tests + "," + body + ",\"\")";
    }

    // sum/min/max skip blank and not-applicable arguments and are blank when none is known.
    std::optional<Piece> fold(const Node& n, const std::vector<Piece>& args) {
        const char* fn = n.fold == Op::SumAcc ? "SUM" : n.fold == Op::MinAcc ? "MIN" : "MAX";
        std::vector<std::string> cells, constants;
        std::vector<const Piece*> others;
        for (const Piece& a : args) {
            if (a.bare_ref) cells.push_back(a.text);
            else if (known(a)) constants.push_back(a.text);
            else others.push_back(&a);
        }
        auto join = [](const std::vector<std::string>& v) {
            std::string s;
            for (const auto& x : v) {
                if (!s.empty()) s += ',';
                s.append(x);
            }
            return s;
        };
        std::vector<std::string> plain = cells;
        plain.insert(plain.end(), constants.begin(), constants.end());
        // Cells and constants: the spreadsheet function skips empty and text cells itself.
        std::string acc;
        bool acc_known = !constants.empty();
        if (!plain.empty()) {
            acc = std::string(fn) + "(" + join(plain) + ")";
            if (!acc_known) acc = "IF(COUNT(" + join(cells) + ")=0,\"\"," + acc + ")";
        }
        if (others.empty()) return whole(acc, acc_known);
        if (n.fold == Op::SumAcc) {
            // N() turns "" and text into 0; the count of known arguments keeps blank blank.
            std::vector<std::string> terms = plain, known_tests;
            if (!cells.empty()) known_tests.push_back("COUNT(" + join(cells) + ")>0");
            for (const Piece* x : others) {
                const std::string v = test_form(*x);
                terms.push_back("N(" + v + ")");
                known_tests.push_back("ISNUMBER(" + v + ")");
            }
            const std::string sum = "SUM(" + join(terms) + ")";
            if (acc_known) return whole(sum, true);
            const std::string test = known_tests.size() > 1 ? "OR(" + join(known_tests) + ")" : known_tests[0];
            return whole("IF(" + test + "," + sum + ",\"\")", false);
        }
        // min/max over computed arguments: fold them in one at a time, skipping unknowns.
        for (const Piece* x : others) {
            const std::string v = test_form(*x);
            if (acc.empty()) {
                acc = "IF(ISNUMBER(" + v + ")," + v + ",\"\")";
            } else if (acc_known) {
                acc = "IF(ISNUMBER(" + v + ")," + fn + "(" + acc + "," + v + ")," + acc + ")";
            } else {
                acc = "IF(ISNUMBER(" + v + "),IF(ISNUMBER(" + acc + ")," + fn + "(" + acc + "," + v + ")," + v +
                      ")," + acc + ")";
            }
            if (!fits(acc)) return std::nullopt;
        }
        return whole(acc, acc_known);
    }

    // The formula of the whole expression, as the cell's value.
    std::string result_text(std::size_t root, const Piece& top) const {
        if (!options_.result_as_fraction) return value_form(top);
        const Node& n = nodes_[root];
        if (n.op == Op::Ratio) {
            // ratio(a, b) shown as a percent: a / b, without the * 100 / 100 round trip.
            Piece p = top;
            p.text = p.text.substr(0, p.text.size() - 4);  // drop "*100"
            return value_form(p);
        }
        if (top.bare_ref) return "IF(" + top.text + "=\"\",\"\"," + top.text + "/100)";
        if (top.fraction_ref) {
            // A percent cell copied into a percent cell: the fraction as it is.
            const std::string& cell = top.atoms[0];
            return "IF(" + cell + "=\"\",\"\"," + cell + ")";
        }
        if (!top.complete) {
            // An arithmetic piece: divide inside the guards.
            Piece p = top;
            p.text = paren(top, Prec::Mul) + "/100";
            p.prec = Prec::Mul;
            return value_form(p);
        }
        // A complete formula (if, sum, …): divide only a number.
        if (known(top)) return top.text + "/100";
        return "IF(ISNUMBER(" + top.text + ")," + top.text + "/100," + top.text + ")";
    }

    const Expr& expr_;
    const CellLookup& cell_of_;
    const SpreadsheetOptions& options_;
    std::string na_;
    std::vector<SheetCell> cells_;
    std::vector<Node> nodes_;
};

}  // namespace

Result<std::string> to_spreadsheet_formula(const Expr& e, const CellLookup& cell_of,
                                           const SpreadsheetOptions& options) {
    return Translator(e, cell_of, options).run();
}

}  // namespace rb::expr
