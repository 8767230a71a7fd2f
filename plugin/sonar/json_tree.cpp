#include "sonar/json_tree.h"

#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace cib::sonar {
namespace {

// Builds the tree from the parser's events: open objects and arrays wait on a stack, each
// with the name it will have in its parent.
class TreeHandler final : public Poco::JSON::Handler {
 public:
  void reset() override {
    stack_.clear();
    root_ = JsonNode();
    has_root_ = false;
  }
  void startObject() override { open(JsonNode::Kind::object); }
  void endObject() override {
    auto& members = stack_.back().node.children;
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Of equal names keep the last (stable sort keeps document order among them), in place.
    auto kept = members.begin();
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (kept != members.begin() && std::prev(kept)->first == it->first) {
        *std::prev(kept) = std::move(*it);
      } else {
        if (kept != it) *kept = std::move(*it);
        ++kept;
      }
    }
    members.erase(kept, members.end());
    close();
  }
  void startArray() override { open(JsonNode::Kind::array); }
  void endArray() override { close(); }
  void key(const std::string& k) override { key_ = k; }
  void null() override { add(JsonNode()); }
  void value(int v) override { add_integer(v); }
  void value(unsigned v) override { add_integer(v); }
  void value(Poco::Int64 v) override { add_integer(v); }
  void value(Poco::UInt64 v) override {
    if (v > static_cast<Poco::UInt64>(INT64_MAX)) {
      JsonNode node;
      node.kind = JsonNode::Kind::big_integer;
      add(std::move(node));
      return;
    }
    add_integer(static_cast<std::int64_t>(v));
  }
  void value(const std::string& s) override {
    JsonNode node;
    node.kind = JsonNode::Kind::string;
    node.text = s;
    add(std::move(node));
  }
  void value(double d) override {
    JsonNode node;
    node.kind = JsonNode::Kind::real;
    node.real = d;
    add(std::move(node));
  }
  void value(bool b) override {
    JsonNode node;
    node.kind = JsonNode::Kind::boolean;
    node.boolean = b;
    add(std::move(node));
  }

  std::shared_ptr<const JsonNode> take_root() {
    if (!has_root_ || !stack_.empty()) throw std::runtime_error("the document ended early");
    return std::make_shared<const JsonNode>(std::move(root_));
  }

 private:
  struct Open {
    JsonNode node;
    std::string name;  // in its parent object
  };

  void open(JsonNode::Kind kind) {
    Open entry;
    entry.node.kind = kind;
    if (!stack_.empty() && stack_.back().node.kind == JsonNode::Kind::object) {
      entry.name = std::move(key_);
    }
    stack_.push_back(std::move(entry));
  }
  void close() {
    Open entry = std::move(stack_.back());
    stack_.pop_back();
    attach(std::move(entry.name), std::move(entry.node));
  }
  void add_integer(std::int64_t v) {
    JsonNode node;
    node.kind = JsonNode::Kind::integer;
    node.integer = v;
    add(std::move(node));
  }
  void add(JsonNode node) {
    std::string name;
    if (!stack_.empty() && stack_.back().node.kind == JsonNode::Kind::object) {
      name = std::move(key_);
    }
    attach(std::move(name), std::move(node));
  }
  void attach(std::string name, JsonNode node) {
    key_.clear();
    if (stack_.empty()) {
      root_ = std::move(node);
      has_root_ = true;
      return;
    }
    stack_.back().node.children.emplace_back(std::move(name), std::move(node));
  }

  std::vector<Open> stack_;
  std::string key_;
  JsonNode root_;
  bool has_root_ = false;
};

}  // namespace

const JsonNode* JsonNode::member(const std::string& name) const {
  const auto found = std::lower_bound(
      children.begin(), children.end(), name,
      [](const std::pair<std::string, JsonNode>& m, const std::string& n) { return m.first < n; });
  return found != children.end() && found->first == name ? &found->second : nullptr;
}

std::shared_ptr<const JsonNode> parse_json_tree(const std::string& text, std::size_t max_depth) {
  Poco::SharedPtr<TreeHandler> handler(new TreeHandler);
  Poco::JSON::Parser parser(handler);
  parser.setDepth(static_cast<unsigned>(max_depth));
  parser.parse(text);
  return handler->take_root();
}

}  // namespace cib::sonar
