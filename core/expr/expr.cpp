#include "expr/expr.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>

#include "expr/ast.hpp"
#include "i18n/i18n.hpp"

namespace rb::expr {

// ---------------------------------------------------------------------------------------------
// Program: the expression compiled to postfix instructions for a small value stack (see
// ast.hpp). A flat vector evaluates faster than a pointer tree and needs no recursion, so even
// long operator chains cannot overflow the native stack.

namespace detail {

// Net change of the stack height.
constexpr int stack_effect(Op op) {
    switch (op) {
        case Op::Const: case Op::Load: case Op::LoadPrev: return 1;
        case Op::Neg: case Op::Not: case Op::Round1: case Op::IsBlank: case Op::Abs: return 0;
        case Op::If: return -2;
        default: return -1;
    }
}

constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

}  // namespace detail

struct Expr::Program {
    std::vector<detail::Instr> code;  // Load args are slots
    std::size_t max_stack = 0;
    std::vector<std::size_t> slots;
    std::vector<std::size_t> previous_slots;
};

namespace {

using detail::Instr;
using detail::Op;

// ---------------------------------------------------------------------------------------------
// Value semantics

inline bool known(const Value& v) { return v.kind == Kind::Number || v.kind == Kind::Boolean; }

// Result of an operation with an operand that is not a known value: blank wins.
inline Value unknown_of(const Value& a, const Value& b) {
    return (a.is_blank() || b.is_blank()) ? Value::blank() : Value::not_applicable();
}

// Overflow is not a number a report can show; -0 would print as "-0".
inline Value num(double x) {
    if (!std::isfinite(x)) return Value::not_applicable();
    return Value::of(x == 0.0 ? 0.0 : x);
}

// -1 unknown, 0 false, 1 true.
inline int truth(const Value& v) {
    if (!known(v)) return -1;
    return v.number != 0.0 ? 1 : 0;
}

// Relative tolerance, with an absolute floor near zero so that A - B = 0 holds after
// binary rounding noise (0.1 + 0.2 - 0.3).
inline bool near(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

constexpr int kMaxRoundDigits = 15;

double round_half_away(double x, int digits) {
    static const auto kPow10 = [] {
        std::array<double, kMaxRoundDigits + 1> p{};
        double v = 1.0;
        for (auto& e : p) { e = v; v *= 10.0; }
        return p;
    }();
    const double scale = kPow10[static_cast<std::size_t>(std::abs(digits))];
    const double y = digits >= 0 ? std::fabs(x) * scale : std::fabs(x) / scale;
    if (!std::isfinite(y)) return x;
    const double f = std::floor(y);
    // 2.675 * 100 is 267.49999999999997 in binary; the user typed a half.
    const double tolerance = std::max(1e-9, y * 1e-14);
    const double r = (y - f >= 0.5 - tolerance) ? f + 1.0 : f;
    return std::copysign(digits >= 0 ? r / scale : r * scale, x);
}

// Storage for the evaluation stack that is not initialised on each call.
union Cell {
    Cell() {}
    Value v;
};

constexpr std::size_t kInlineStack = 32;

Value run(const std::vector<Instr>& code, std::span<const Value> cur, std::span<const Value> prev,
          Cell* s) {
    std::size_t top = 0;  // number of values on the stack
    for (const Instr& in : code) {
        switch (in.op) {
            case Op::Const: s[top++].v = Value{in.kind, in.number}; break;
            case Op::Load:
                s[top++].v = in.arg < cur.size() ? cur[in.arg] : Value::blank();
                break;
            case Op::LoadPrev:
                s[top++].v = in.arg < prev.size() ? prev[in.arg] : Value::blank();
                break;
            case Op::Neg: {
                Value& x = s[top - 1].v;
                if (known(x)) x = num(-x.number);
                break;
            }
            case Op::Abs: {
                Value& x = s[top - 1].v;
                if (known(x)) x = num(std::fabs(x.number));
                break;
            }
            case Op::Round1: {
                Value& x = s[top - 1].v;
                if (known(x)) x = num(round_half_away(x.number, 0));
                break;
            }
            case Op::IsBlank: {
                Value& x = s[top - 1].v;
                x = Value::boolean(x.is_blank());
                break;
            }
            case Op::Not: {
                Value& x = s[top - 1].v;
                const int t = truth(x);
                x = t < 0 ? Value::blank() : Value::boolean(t == 0);
                break;
            }
            case Op::If: {
                top -= 2;
                const int t = truth(s[top - 1].v);
                s[top - 1].v = t < 0 ? Value::blank() : (t ? s[top].v : s[top + 1].v);
                break;
            }
            default: {
                // Binary operations: a (below) op b (top) → a.
                --top;
                Value& a = s[top - 1].v;
                const Value b = s[top].v;
                switch (in.op) {
                    case Op::Add: a = known(a) && known(b) ? num(a.number + b.number) : unknown_of(a, b); break;
                    case Op::Sub: a = known(a) && known(b) ? num(a.number - b.number) : unknown_of(a, b); break;
                    case Op::Mul: a = known(a) && known(b) ? num(a.number * b.number) : unknown_of(a, b); break;
                    case Op::Div:
                        if (!known(a) || !known(b)) a = unknown_of(a, b);
                        else if (b.number == 0.0) a = Value::not_applicable();
                        else a = num(a.number / b.number);
                        break;
                    case Op::Ratio:
                        if (!known(a) || !known(b)) a = unknown_of(a, b);
                        else if (b.number == 0.0) a = Value::not_applicable();
                        else a = num(a.number / b.number * 100.0);
                        break;
                    case Op::Round2:
                        if (!known(a) || !known(b)) {
                            a = unknown_of(a, b);
                        } else {
                            const double d = std::clamp(std::round(b.number), double(-kMaxRoundDigits),
                                                        double(kMaxRoundDigits));
                            a = num(round_half_away(a.number, static_cast<int>(d)));
                        }
                        break;
                    case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: {
                        if (!known(a) || !known(b)) { a = Value::blank(); break; }
                        const bool eq = near(a.number, b.number);
                        bool r = false;
                        switch (in.op) {
                            case Op::Eq: r = eq; break;
                            case Op::Ne: r = !eq; break;
                            case Op::Lt: r = !eq && a.number < b.number; break;
                            case Op::Le: r = eq || a.number < b.number; break;
                            case Op::Gt: r = !eq && a.number > b.number; break;
                            default: r = eq || a.number > b.number; break;
                        }
                        a = Value::boolean(r);
                        break;
                    }
                    case Op::And: {
                        const int ta = truth(a), tb = truth(b);
                        a = (ta == 0 || tb == 0) ? Value::boolean(false)
                          : (ta == 1 && tb == 1) ? Value::boolean(true) : Value::blank();
                        break;
                    }
                    case Op::Or: {
                        const int ta = truth(a), tb = truth(b);
                        a = (ta == 1 || tb == 1) ? Value::boolean(true)
                          : (ta == 0 && tb == 0) ? Value::boolean(false) : Value::blank();
                        break;
                    }
                    // Accumulator: Blank until a known argument; NotApplicable after overflow.
                    case Op::SumAcc:
                        if (known(b)) {
                            if (a.is_blank()) a = Value::of(b.number);
                            else if (a.is_number()) a = num(a.number + b.number);
                        }
                        break;
                    case Op::MinAcc:
                        if (known(b)) a = Value::of(a.is_blank() ? b.number : std::min(a.number, b.number));
                        break;
                    case Op::MaxAcc:
                        if (known(b)) a = Value::of(a.is_blank() ? b.number : std::max(a.number, b.number));
                        break;
                    default: break;
                }
                break;
            }
        }
    }
    return top > 0 ? s[top - 1].v : Value::blank();
}

// ---------------------------------------------------------------------------------------------
// Lexer

enum class Tok : std::uint8_t {
    Number, Name, LParen, RParen, Comma, Plus, Minus, Star, Slash,
    Eq, Ne, Lt, Le, Gt, Ge, And, Or, Not, True, False, End,
};

struct Token {
    Tok type;
    std::size_t offset;
    std::size_t length;
    double number = 0.0;
};

struct Failure {
    std::size_t offset = 0;
    std::string message;
};

inline bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_segment_char(char c) { return is_letter(c) || is_digit(c) || c == '_'; }

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

std::size_t column_of(std::string_view src, std::size_t offset) {
    std::size_t col = 1;
    for (std::size_t i = 0; i < offset && i < src.size(); ++i)
        if ((static_cast<unsigned char>(src[i]) & 0xC0) != 0x80) ++col;
    return col;
}

bool lex(std::string_view src, std::vector<Token>& out, Failure& fail) {
    const std::size_t n = src.size();
    std::size_t i = 0;
    auto single = [&](Tok t, std::size_t len) { out.push_back({t, i, len}); i += len; };
    while (i < n) {
        const char c = src[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
        // A no-break space comes along when formulas are copied from office documents.
        if (c == '\xC2' && i + 1 < n && src[i + 1] == '\xA0') { i += 2; continue; }
        // "@digital.I.2.2": an indicator of another report type (cross checks only; a
        // definition's own formulas cannot bind it).
        const bool other = c == '@' && i + 1 < n && is_letter(src[i + 1]);
        if (is_letter(c) || other) {
            const std::size_t start = i;
            if (other) ++i;
            while (i < n && is_segment_char(src[i])) ++i;
            bool dotted = false;
            while (i < n && src[i] == '.') {
                if (i + 1 >= n || !is_segment_char(src[i + 1])) {
                    fail = {start, trf("mã chỉ tiêu không hợp lệ ‘{}’", src.substr(start, i + 1 - start))};
                    return false;
                }
                dotted = true;
                ++i;
                while (i < n && is_segment_char(src[i])) ++i;
            }
            const std::string_view word = src.substr(start, i - start);
            Tok t = Tok::Name;
            if (!dotted && !other) {
                if (word == "and") t = Tok::And;
                else if (word == "or") t = Tok::Or;
                else if (word == "not") t = Tok::Not;
                else if (word == "true") t = Tok::True;
                else if (word == "false") t = Tok::False;
            }
            out.push_back({t, start, i - start});
            continue;
        }
        if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(src[i + 1]))) {
            const std::size_t start = i;
            double value = 0.0;
            const auto [ptr, ec] = std::from_chars(src.data() + i, src.data() + n, value,
                                                   std::chars_format::general);
            i = static_cast<std::size_t>(ptr - src.data());
            const bool glued = i < n && (is_segment_char(src[i]) || src[i] == '.');
            if (ec != std::errc() || glued) {
                std::size_t end = std::max(i, start + 1);
                while (end < n && (is_segment_char(src[end]) || src[end] == '.')) ++end;
                fail = {start, trf("số không hợp lệ ‘{}’", src.substr(start, end - start))};
                return false;
            }
            out.push_back({Tok::Number, start, i - start, value});
            continue;
        }
        const char next = i + 1 < n ? src[i + 1] : '\0';
        switch (c) {
            case '(': single(Tok::LParen, 1); continue;
            case ')': single(Tok::RParen, 1); continue;
            case ',': single(Tok::Comma, 1); continue;
            case '+': single(Tok::Plus, 1); continue;
            case '-': single(Tok::Minus, 1); continue;
            case '*': single(Tok::Star, 1); continue;
            case '/': single(Tok::Slash, 1); continue;
            case '=': single(Tok::Eq, next == '=' ? 2 : 1); continue;
            case '<':
                if (next == '=') single(Tok::Le, 2);
                else if (next == '>') single(Tok::Ne, 2);
                else single(Tok::Lt, 1);
                continue;
            case '>':
                if (next == '=') single(Tok::Ge, 2);
                else single(Tok::Gt, 1);
                continue;
            case '!':
                if (next == '=') { single(Tok::Ne, 2); continue; }
                break;
            default: break;
        }
        const std::size_t len = std::min(utf8_length(static_cast<unsigned char>(c)), n - i);
        fail = {i, trf("ký tự không hợp lệ ‘{}’", src.substr(i, len))};
        return false;
    }
    out.push_back({Tok::End, n, 0});
    return true;
}

// ---------------------------------------------------------------------------------------------
// Parser: precedence climbing that emits postfix code directly.
//
//   or < and < not < comparison (non-associative) < + - < * / < unary - < primary

enum class Fn : std::uint8_t { Sum, Min, Max, Ratio, If, Round, Blank, Abs, Prev };

struct FnInfo {
    std::string_view name;
    Fn fn;
    int min_args;
    int max_args;  // -1: any number
};

constexpr FnInfo kFunctions[] = {
    {"sum", Fn::Sum, 1, -1},     {"min", Fn::Min, 1, -1},     {"max", Fn::Max, 1, -1},
    {"ratio", Fn::Ratio, 2, 2},  {"if", Fn::If, 3, 3},        {"round", Fn::Round, 1, 2},
    {"blank", Fn::Blank, 1, 1},  {"abs", Fn::Abs, 1, 1},      {"prev", Fn::Prev, 1, 1},
};

const FnInfo* find_function(std::string_view name) {
    for (const FnInfo& f : kFunctions)
        if (f.name == name) return &f;
    return nullptr;
}

constexpr int kPrecOr = 1, kPrecAnd = 2, kPrecCompare = 4, kPrecAdd = 5, kPrecMul = 6;

int precedence(Tok t) {
    switch (t) {
        case Tok::Or: return kPrecOr;
        case Tok::And: return kPrecAnd;
        case Tok::Eq: case Tok::Ne: case Tok::Lt: case Tok::Le: case Tok::Gt: case Tok::Ge:
            return kPrecCompare;
        case Tok::Plus: case Tok::Minus: return kPrecAdd;
        case Tok::Star: case Tok::Slash: return kPrecMul;
        default: return 0;
    }
}

Op binary_op(Tok t) {
    switch (t) {
        case Tok::Or: return Op::Or;
        case Tok::And: return Op::And;
        case Tok::Eq: return Op::Eq;
        case Tok::Ne: return Op::Ne;
        case Tok::Lt: return Op::Lt;
        case Tok::Le: return Op::Le;
        case Tok::Gt: return Op::Gt;
        case Tok::Ge: return Op::Ge;
        case Tok::Plus: return Op::Add;
        case Tok::Minus: return Op::Sub;
        case Tok::Star: return Op::Mul;
        default: return Op::Div;
    }
}

class Parser {
public:
    Parser(std::string_view src, const std::vector<Token>& tokens, Expr::Parsed& out)
        : src_(src), tokens_(tokens), out_(out) {}

    bool parse(Failure& failure) {
        bool ok = false;
        if (peek().type == Tok::End) {
            fail(0, tr("biểu thức rỗng"));
        } else if (binary(0)) {
            const Token& t = peek();
            if (t.type == Tok::End) ok = true;
            else if (t.type == Tok::RParen) fail(t.offset, tr("thừa dấu ‘)’"));
            else fail(t.offset, trf("thiếu toán tử trước ‘{}’", text(t)));
        }
        if (!ok) failure = std::move(failure_);
        out_.max_stack = static_cast<std::size_t>(max_stack_);
        return ok;
    }

private:
    const Token& peek(std::size_t ahead = 0) const {
        return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
    }
    const Token& advance() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
    std::string_view text(const Token& t) const { return src_.substr(t.offset, t.length); }

    bool fail(std::size_t offset, std::string message) {
        failure_ = {offset, std::move(message)};
        return false;
    }

    void emit(Op op, std::uint32_t arg = 0, Value constant = {}) {
        out_.code.push_back({op, constant.kind, arg, constant.number});
        stack_ += detail::stack_effect(op);
        max_stack_ = std::max(max_stack_, stack_);
    }

    static std::uint32_t intern(std::vector<std::string>& list, std::string_view code) {
        const auto it = std::find(list.begin(), list.end(), code);
        if (it != list.end()) return static_cast<std::uint32_t>(it - list.begin());
        list.emplace_back(code);
        return static_cast<std::uint32_t>(list.size() - 1);
    }

    bool binary(int min_prec) {
        if (!unary()) return false;
        bool compared = false;
        for (;;) {
            const Token& op = peek();
            const int prec = precedence(op.type);
            if (prec == 0 || prec < min_prec) return true;
            if (prec == kPrecCompare) {
                // "1 < A < 10" reads naturally but would compare a boolean with 10.
                if (compared)
                    return fail(op.offset,
                                tr("không được viết các phép so sánh liên tiếp; hãy nối chúng bằng ‘and’"));
                compared = true;
            } else if (prec < kPrecCompare) {
                compared = false;
            }
            advance();
            if (!binary(prec + 1)) return false;
            emit(binary_op(op.type));
        }
    }

    bool unary() {
        struct Level {
            int& depth;
            explicit Level(int& d) : depth(++d) {}
            ~Level() { --depth; }
        } level(depth_);
        if (depth_ > kMaxNestingDepth)
            return fail(peek().offset, trf("biểu thức lồng nhau quá sâu (tối đa {} mức)", kMaxNestingDepth));
        const Token& t = peek();
        if (t.type == Tok::Minus) {
            advance();
            if (!unary()) return false;
            emit(Op::Neg);
            return true;
        }
        if (t.type == Tok::Not) {
            advance();
            if (!binary(kPrecCompare)) return false;
            emit(Op::Not);
            return true;
        }
        return primary();
    }

    bool primary() {
        const Token& t = peek();
        switch (t.type) {
            case Tok::Number:
                advance();
                emit(Op::Const, 0, Value::of(t.number));
                return true;
            case Tok::True:
            case Tok::False:
                advance();
                emit(Op::Const, 0, Value::boolean(t.type == Tok::True));
                return true;
            case Tok::Name:
                if (peek(1).type == Tok::LParen) return call();
                advance();
                emit(Op::Load, intern(out_.references, text(t)));
                return true;
            case Tok::LParen: {
                advance();
                if (!binary(0)) return false;
                const Token& close = peek();
                if (close.type != Tok::RParen) return fail(close.offset, tr("thiếu dấu ‘)’"));
                advance();
                return true;
            }
            default:
                return fail(t.offset, tr("cần một số, mã chỉ tiêu hoặc ‘(’"));
        }
    }

    bool call() {
        const Token& name_token = advance();
        const std::string_view name = text(name_token);
        const FnInfo* f = find_function(name);
        if (!f) {
            std::string lower(name);
            for (char& c : lower)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (find_function(lower))
                return fail(name_token.offset,
                            trf("hàm không xác định ‘{}’ (tên hàm viết thường: ‘{}’)", name, lower));
            return fail(name_token.offset, trf("hàm không xác định ‘{}’", name));
        }
        advance();  // '('

        if (f->fn == Fn::Prev) {
            const Token& arg = peek();
            if (arg.type != Tok::Name || peek(1).type != Tok::RParen)
                return fail(arg.offset, tr("prev() cần đúng một mã chỉ tiêu"));
            emit(Op::LoadPrev, intern(out_.previous_references, text(arg)));
            advance();
            advance();
            return true;
        }

        const bool fold = f->fn == Fn::Sum || f->fn == Fn::Min || f->fn == Fn::Max;
        const Op accumulate = f->fn == Fn::Sum ? Op::SumAcc : f->fn == Fn::Min ? Op::MinAcc : Op::MaxAcc;
        // Folding keeps the stack shallow however many arguments sum() gets.
        if (fold) emit(Op::Const, 0, Value::blank());
        int count = 0;
        if (peek().type == Tok::RParen) {
            advance();
        } else {
            for (;;) {
                if (!binary(0)) return false;
                ++count;
                if (fold) emit(accumulate);
                const Token& t = peek();
                if (t.type == Tok::Comma) { advance(); continue; }
                if (t.type == Tok::RParen) { advance(); break; }
                if (t.type == Tok::End) return fail(t.offset, tr("thiếu dấu ‘)’"));
                return fail(t.offset, tr("thiếu dấu ‘,’ hoặc ‘)’"));
            }
        }
        if (count < f->min_args || (f->max_args >= 0 && count > f->max_args)) {
            if (f->min_args == f->max_args)
                return fail(name_token.offset, trf("hàm ‘{}’ cần đúng {} đối số", name, f->min_args));
            if (f->max_args < 0)
                return fail(name_token.offset, trf("hàm ‘{}’ cần ít nhất {} đối số", name, f->min_args));
            return fail(name_token.offset,
                        trf("hàm ‘{}’ cần từ {} đến {} đối số", name, f->min_args, f->max_args));
        }
        switch (f->fn) {
            case Fn::Ratio: emit(Op::Ratio); break;
            case Fn::If: emit(Op::If); break;
            case Fn::Round: emit(count == 1 ? Op::Round1 : Op::Round2); break;
            case Fn::Blank: emit(Op::IsBlank); break;
            case Fn::Abs: emit(Op::Abs); break;
            default: break;
        }
        return true;
    }

    std::string_view src_;
    const std::vector<Token>& tokens_;
    Expr::Parsed& out_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    int stack_ = 0;
    int max_stack_ = 0;
    Failure failure_;
};

std::uint32_t slot_arg(std::size_t slot) {
    return slot < detail::kNoSlot ? static_cast<std::uint32_t>(slot) : detail::kNoSlot;
}

const std::vector<std::string> kNoStrings;
const std::vector<std::size_t> kNoSlots;
const std::string kNoSource;

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string to_string(const Value& value) {
    switch (value.kind) {
        case Kind::Blank: return "blank";
        case Kind::NotApplicable: return "n/a";
        case Kind::Boolean: return value.number != 0.0 ? "true" : "false";
        case Kind::Number: break;
    }
    return fmt::format("{}", value.number);
}

Result<Expr> Expr::parse(std::string_view source) {
    ParseError ignored;
    return parse(source, ignored);
}

Result<Expr> Expr::parse(std::string_view source, ParseError& error) {
    auto parsed = std::make_shared<Parsed>();
    Failure failure;
    bool ok = false;
    if (source.size() > kMaxSourceLength) {
        failure = {kMaxSourceLength, trf("biểu thức quá dài (tối đa {} ký tự)", kMaxSourceLength)};
    } else {
        std::vector<Token> tokens;
        tokens.reserve(source.size() / 2 + 2);
        if (lex(source, tokens, failure)) ok = Parser(source, tokens, *parsed).parse(failure);
    }
    if (!ok) {
        error.offset = failure.offset;
        error.column = column_of(source, failure.offset);
        error.message = failure.message;
        return Result<Expr>::fail(trf("cột {}: {}", error.column, error.message));
    }
    parsed->source = std::string(source);
    parsed->code.shrink_to_fit();

    Expr e;
    e.parsed_ = std::move(parsed);
    // Nothing to resolve: usable right away.
    if (e.parsed_->references.empty() && e.parsed_->previous_references.empty()) {
        auto program = std::make_shared<Program>();
        program->code = e.parsed_->code;
        program->max_stack = e.parsed_->max_stack;
        e.bound_ = std::move(program);
    }
    return Result<Expr>::ok(std::move(e));
}

const std::vector<std::string>& Expr::references() const {
    return parsed_ ? parsed_->references : kNoStrings;
}

const std::vector<std::string>& Expr::previous_references() const {
    return parsed_ ? parsed_->previous_references : kNoStrings;
}

const std::string& Expr::source() const { return parsed_ ? parsed_->source : kNoSource; }

bool Expr::is_equality() const {
    // Postfix code: the last instruction is the outermost operation.
    return parsed_ && !parsed_->code.empty() && parsed_->code.back().op == detail::Op::Eq;
}

std::vector<Expr::CodeAgainstNumber> Expr::code_number_comparisons() const {
    std::vector<CodeAgainstNumber> out;
    if (!parsed_) return out;
    using detail::Op;
    const auto& code = parsed_->code;
    // Postfix: with both operands single instructions, they are the two just before.
    for (std::size_t k = 2; k < code.size(); ++k) {
        const Op op = code[k].op;
        if (op != Op::Eq && op != Op::Ne && op != Op::Lt && op != Op::Le && op != Op::Gt && op != Op::Ge) continue;
        const auto& a = code[k - 2];
        const auto& b = code[k - 1];
        if (a.op == Op::Load && b.op == Op::Const && b.kind == Kind::Number)
            out.push_back({parsed_->references[a.arg], b.number});
        else if (a.op == Op::Const && a.kind == Kind::Number && b.op == Op::Load)
            out.push_back({parsed_->references[b.arg], a.number});
    }
    return out;
}

Status Expr::bind(const std::function<std::optional<std::size_t>(std::string_view code)>& resolve) {
    if (!parsed_) return ok_status();
    auto program = std::make_shared<Program>();
    program->slots.reserve(parsed_->references.size());
    program->previous_slots.reserve(parsed_->previous_references.size());
    for (const std::string& code : parsed_->references) {
        const auto slot = resolve(code);
        if (!slot) return Status::fail(trf("Công thức tham chiếu chỉ tiêu không tồn tại: {}", code));
        program->slots.push_back(*slot);
    }
    for (const std::string& code : parsed_->previous_references) {
        const auto slot = resolve(code);
        if (!slot) return Status::fail(trf("Công thức tham chiếu chỉ tiêu không tồn tại: {}", code));
        program->previous_slots.push_back(*slot);
    }
    program->code = parsed_->code;
    for (Instr& in : program->code) {
        if (in.op == Op::Load) in.arg = slot_arg(program->slots[in.arg]);
        else if (in.op == Op::LoadPrev) in.arg = slot_arg(program->previous_slots[in.arg]);
    }
    program->max_stack = parsed_->max_stack;
    bound_ = std::move(program);
    return ok_status();
}

bool Expr::is_bound() const { return !parsed_ || bound_ != nullptr; }

const std::vector<std::size_t>& Expr::reference_slots() const {
    return bound_ ? bound_->slots : kNoSlots;
}

const std::vector<std::size_t>& Expr::previous_reference_slots() const {
    return bound_ ? bound_->previous_slots : kNoSlots;
}

Value Expr::evaluate(std::span<const Value> current, std::span<const Value> previous) const {
    if (!bound_) return Value::blank();
    const Program& p = *bound_;
    if (p.max_stack <= kInlineStack) {
        Cell stack[kInlineStack];
        return run(p.code, current, previous, stack);
    }
    // Only expressions nested dozens of levels deep get here.
    auto stack = std::make_unique<Cell[]>(p.max_stack);
    return run(p.code, current, previous, stack.get());
}

}  // namespace rb::expr
