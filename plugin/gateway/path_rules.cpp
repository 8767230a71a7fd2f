// gateway.cache's path patterns. A pattern is matched by walking the set of pattern positions
// reachable after each character of the path (a Thompson simulation), so a hostile pattern such
// as `*a*a*a*a*b` against a long path costs path length × pattern length steps, never the
// exponential time of backtracking.
#include "gateway/path_rules.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace cib::gw {
namespace {

constexpr std::int64_t kNotCached = -1;
constexpr std::int64_t kMsPerSecond = 1000;

enum class TokenKind { literal, segment_star, any_star };

struct Token {
  TokenKind kind;
  char literal;
};

// `***` and longer runs mean the same as `**`.
std::vector<Token> tokenize(const std::string& pattern) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '*') {
      tokens.push_back({TokenKind::literal, pattern[i]});
      continue;
    }
    std::size_t run_end = i;
    while (run_end < pattern.size() && pattern[run_end] == '*') ++run_end;
    tokens.push_back({run_end - i >= 2 ? TokenKind::any_star : TokenKind::segment_star, '\0'});
    i = run_end - 1;
  }
  return tokens;
}

// Adds the positions a star lets the walk reach without reading a character.
void close_over_stars(const std::vector<Token>& tokens, std::vector<char>& states) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (states[i] && tokens[i].kind != TokenKind::literal) states[i + 1] = 1;
  }
}

bool reads(const Token& token, char c) {
  switch (token.kind) {
    case TokenKind::literal:
      return token.literal == c;
    case TokenKind::segment_star:
      return c != '/';
    case TokenKind::any_star:
      return true;
  }
  return false;
}

}  // namespace

PathRules::PathRules(const std::vector<GatewayCacheEntry>& rules) : rules_(rules) {}

std::int64_t PathRules::ttl_ms(const std::string& path) const {
  // The rules name paths; a query, if a caller left one on, never decides.
  const std::string bare = path.substr(0, path.find('?'));
  for (const GatewayCacheEntry& rule : rules_) {
    if (matches(rule.path, bare)) return rule.ttl_s * kMsPerSecond;
  }
  return kNotCached;
}

bool PathRules::matches(const std::string& pattern, const std::string& path) {
  const std::vector<Token> tokens = tokenize(pattern);
  // states[i]: the walk may stand before token i; states[tokens.size()]: the whole pattern read.
  std::vector<char> states(tokens.size() + 1, 0);
  std::vector<char> next(tokens.size() + 1, 0);
  states[0] = 1;
  close_over_stars(tokens, states);
  for (const char c : path) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!states[i] || !reads(tokens[i], c)) continue;
      // A star stays where it is to read more; a literal moves past itself.
      next[tokens[i].kind == TokenKind::literal ? i + 1 : i] = 1;
      any = true;
    }
    if (!any) return false;
    close_over_stars(tokens, next);
    states.swap(next);
  }
  return states[tokens.size()] != 0;
}

}  // namespace cib::gw
