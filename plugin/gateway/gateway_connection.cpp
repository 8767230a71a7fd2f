// One client connection of the front (see gateway_connection.h): reads requests with Poco's
// codec under the caps, hands each to the handler, writes the answers.
#include "gateway/gateway_connection.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPChunkedStream.h>
#include <Poco/Net/HTTPFixedLengthStream.h>
#include <Poco/Net/HTTPHeaderStream.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "gateway/hop_by_hop.h"

namespace cib::gw {
namespace {

using Phase = ConnectionTable::Phase;
using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerSession;

constexpr int kBadRequest = 400;
constexpr int kTooLarge = 413;
constexpr int kHeadTooLarge = 431;
constexpr int kInternalError = 500;
constexpr int kNoContent = 204;
constexpr int kNotModified = 304;
constexpr int kFirstFinalStatus = 200;
constexpr std::size_t kBodyBlock = 64 << 10;
constexpr std::size_t kRequestLineSeparators = 4;  // two spaces and CRLF
constexpr std::size_t kFieldSeparators = 4;        // ": " and CRLF
constexpr std::size_t kHeadEnd = 2;                // the empty line's CRLF
// After a refusal the client may still be sending; reading a little of it before closing keeps
// the kernel from answering with a reset that would destroy the refusal in the client's buffer.
constexpr std::chrono::milliseconds kLingerTime{500};
constexpr std::size_t kLingerBytes = 1 << 20;

// A request the front answers itself with a 4xx and closes the connection after.
class Refusal : public std::runtime_error {
 public:
  Refusal(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

GatewayAnswer error_answer(int status, const std::string& message, const char* outcome) {
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  error->set("message", message);
  Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("type", "error");
  root.set("error", error);
  std::ostringstream text;
  root.stringify(text);
  GatewayAnswer answer;
  answer.status = status;
  answer.headers = {{"Content-Type", "application/json"}, {"X-Cibatch-Gateway", outcome}};
  answer.body = text.str();
  return answer;
}

// Poco's own limits (field count, name, value and URI lengths) throw MessageException; these
// are a head too large, anything else is a malformed request.
int status_for(const Poco::Net::MessageException& error) {
  const std::string& what = error.message();
  const bool too_many = what.find("Too many header fields") != std::string::npos;
  const bool too_long =
      what.find("too long") != std::string::npos && what.find("method") == std::string::npos;
  return too_many || too_long ? kHeadTooLarge : kBadRequest;
}

std::size_t head_bytes(const HTTPRequest& request) {
  std::size_t bytes = request.getMethod().size() + request.getURI().size() +
                      request.getVersion().size() + kRequestLineSeparators;
  for (const auto& field : request)
    bytes += field.first.size() + field.second.size() + kFieldSeparators;
  return bytes + kHeadEnd;
}

int count_fields(const HTTPRequest& request, const std::string& name) {
  int count = 0;
  for (const auto& field : request) {
    if (Poco::icompare(field.first, name) == 0) ++count;
  }
  return count;
}

// Only one way to know where a body ends is accepted (RFC 9112 §6.3), against smuggling.
void check_framing(const HTTPRequest& request, std::int64_t max_body_bytes) {
  const int lengths = count_fields(request, HTTPRequest::CONTENT_LENGTH);
  if (request.has(HTTPRequest::TRANSFER_ENCODING)) {
    if (lengths > 0 || count_fields(request, HTTPRequest::TRANSFER_ENCODING) > 1 ||
        !request.getChunkedTransferEncoding()) {
      throw Refusal(kBadRequest, "cibatch gateway: unsupported Transfer-Encoding");
    }
    return;
  }
  if (lengths == 0) return;
  Poco::UInt64 length = 0;
  if (lengths > 1 || !Poco::NumberParser::tryParseUnsigned64(
                         Poco::trim(request.get(HTTPRequest::CONTENT_LENGTH)), length)) {
    throw Refusal(kBadRequest, "cibatch gateway: invalid Content-Length");
  }
  if (length > static_cast<Poco::UInt64>(max_body_bytes)) {
    throw Refusal(kTooLarge, "cibatch gateway: the request body is larger than " +
                                 std::to_string(max_body_bytes) + " bytes");
  }
}

// Reads `in` to its end into `body`; throws Refusal (413) as soon as it grows past the cap.
// False when the stream broke. A read never asks for more than one byte past the cap, since
// istream::read waits for all it asks for, and a client over the cap may be waiting for the 413.
bool read_capped(std::istream& in, std::string& body, std::int64_t max_body_bytes) {
  const std::size_t limit = static_cast<std::size_t>(max_body_bytes) + 1;
  std::vector<char> block(kBodyBlock);
  while (in) {
    const std::size_t ask = std::min(block.size(), limit - body.size());
    in.read(block.data(), static_cast<std::streamsize>(ask));
    body.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (body.size() > static_cast<std::size_t>(max_body_bytes)) {
      throw Refusal(kTooLarge, "cibatch gateway: the request body is larger than " +
                                   std::to_string(max_body_bytes) + " bytes");
    }
  }
  return !in.bad();
}

void send_continue(HTTPServerSession& session) {
  HTTPResponse go_on(HTTPResponse::HTTP_CONTINUE);
  go_on.setVersion(HTTPResponse::HTTP_1_1);
  Poco::Net::HTTPHeaderOutputStream out(session);
  go_on.write(out);
  out.flush();
}

bool is_head(const HTTPRequest& request) {
  return request.getMethod() == HTTPRequest::HTTP_HEAD;
}

bool has_body(const HTTPRequest& request, int status) {
  return !is_head(request) && status >= kFirstFinalStatus && status != kNoContent &&
         status != kNotModified;
}

std::string declared_length(const Headers& headers) {
  for (const auto& [name, value] : headers) {
    if (Poco::icompare(name, HTTPResponse::CONTENT_LENGTH) == 0) return Poco::trim(value);
  }
  return "";
}

// The server frames the body: Content-Length is the body's, except that a HEAD or 304 answer
// keeps the length the handler declares for the resource (its body is empty by nature).
void set_length(HTTPResponse& response, const HTTPRequest& request, const GatewayAnswer& answer) {
  if (answer.status < kFirstFinalStatus || answer.status == kNoContent) return;
  if (is_head(request) || answer.status == kNotModified) {
    const std::string declared = declared_length(answer.headers);
    if (!declared.empty()) {
      response.set(HTTPResponse::CONTENT_LENGTH, declared);
    } else if (answer.status != kNotModified) {
      response.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
    }
    return;
  }
  response.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
}

HTTPResponse response_head(const HTTPRequest& request, const GatewayAnswer& answer,
                           bool keep_alive) {
  HTTPResponse response;
  response.setVersion(request.getVersion() == HTTPRequest::HTTP_1_0 ? HTTPRequest::HTTP_1_0
                                                                    : HTTPRequest::HTTP_1_1);
  const auto status = static_cast<HTTPResponse::HTTPStatus>(answer.status);
  response.setStatus(status);
  response.setReason(HTTPResponse::getReasonForStatus(status));
  response.setDate(Poco::Timestamp());
  for (const auto& [name, value] : end_to_end(answer.headers)) {
    if (Poco::icompare(name, HTTPResponse::CONTENT_LENGTH) == 0) continue;
    if (Poco::icompare(name, "Date") == 0) continue;
    response.add(name, value);
  }
  set_length(response, request, answer);
  response.setKeepAlive(keep_alive);
  return response;
}

Headers request_headers(const HTTPRequest& request) {
  Headers headers;
  for (const auto& field : request) headers.emplace_back(field.first, field.second);
  return end_to_end(headers);
}

// The path without its query, for log lines: a query may carry a token (GitLab's private_token).
std::string path_of(const std::string& target) {
  return target.substr(0, target.find('?'));
}

}  // namespace

FrontState::FrontState(const ServerOptions& front_options, RequestHandler front_handler,
                       ServerLog front_log, bool front_secure)
    : options(front_options),
      handler(std::move(front_handler)),
      log(std::move(front_log)),
      secure(front_secure),
      params(new Poco::Net::HTTPServerParams),
      table(std::chrono::milliseconds(front_options.read_timeout_ms)) {}

void FrontState::say(const std::string& line) const {
  if (log) log(line);
}

GatewayConnection::GatewayConnection(const Poco::Net::StreamSocket& socket,
                                     std::shared_ptr<FrontState> front)
    : TCPServerConnection(socket), front_(std::move(front)) {}

GatewayConnection::~GatewayConnection() {
  --front_->open;
}

void GatewayConnection::run() {
  ConnectionTable& table = front_->table;
  if (!table.add(this, socket().impl()->sockfd())) return;
  try {
    HTTPServerSession session(socket(), front_->params);
    socket().setSendTimeout(Poco::Timespan(front_->options.read_timeout_ms * 1000));
    bool first = true;
    while (table.enter(this, Phase::idle)) {
      if (!session.hasMoreRequests()) {
        if (first) table.count_timeout(this);  // connected and said nothing in time
        break;
      }
      first = false;
      if (!table.enter(this, Phase::receiving) || !serve_one(session)) break;
    }
  } catch (const Poco::TimeoutException&) {
    table.count_timeout(this);
  } catch (...) {
    // A reset, a failed TLS handshake, a peer gone: the connection ends, the front goes on.
  }
  table.remove(this);
}

bool GatewayConnection::serve_one(HTTPServerSession& session) {
  HTTPRequest request;
  std::string body;
  try {
    if (!read_head(session, request)) return false;
    check_framing(request, front_->options.max_body_bytes);
    if (request.getExpectContinue()) send_continue(session);
    if (!read_body(session, request, body)) return false;
  } catch (const Refusal& refusal) {
    refuse(session, refusal.status(), refusal.what());
    return false;
  }
  if (!front_->table.enter(this, Phase::handling)) return false;
  return answer(session, request, std::move(body));
}

bool GatewayConnection::read_head(HTTPServerSession& session, HTTPRequest& request) {
  request.setFieldLimit(static_cast<int>(front_->options.max_header_count));
  try {
    Poco::Net::HTTPHeaderInputStream head(session);
    request.read(head);
    // A head cut short (the peer left, or the watchdog shut the socket) ends at EOF.
    if (!head.good()) return lost(session);
  } catch (const Poco::Net::NoMessageException&) {
    return false;
  } catch (const Poco::Net::MessageException& error) {
    if (front_->table.was_cut(this)) return false;
    throw Refusal(status_for(error), "cibatch gateway: " + error.message());
  }
  if (front_->table.was_cut(this)) return false;
  if (head_bytes(request) > static_cast<std::size_t>(front_->options.max_header_bytes)) {
    throw Refusal(kHeadTooLarge, "cibatch gateway: the request head is larger than " +
                                     std::to_string(front_->options.max_header_bytes) + " bytes");
  }
  return true;
}

bool GatewayConnection::read_body(HTTPServerSession& session, const HTTPRequest& request,
                                  std::string& body) {
  const std::int64_t max = front_->options.max_body_bytes;
  if (request.getChunkedTransferEncoding()) {
    Poco::Net::HTTPChunkedInputStream in(session);
    if (!read_capped(in, body, max)) return lost(session);
  } else if (request.hasContentLength()) {
    const Poco::Int64 length = request.getContentLength64();
    Poco::Net::HTTPFixedLengthInputStream in(session, length);
    const bool read = read_capped(in, body, max);
    if (!read || body.size() != static_cast<std::size_t>(length)) return lost(session);
  }
  // Neither: no body (RFC 9112 §6.3), whatever the method.
  return !front_->table.was_cut(this);
}

bool GatewayConnection::lost(HTTPServerSession& session) {
  const Poco::Exception* error = session.networkException();
  if (error != nullptr && dynamic_cast<const Poco::TimeoutException*>(error) != nullptr) {
    front_->table.count_timeout(this);
  }
  return false;
}

bool GatewayConnection::answer(HTTPServerSession& session, const HTTPRequest& request,
                               std::string body) {
  const GatewayAnswer reply = call_handler(request, std::move(body));
  const bool keep_alive = front_->params->getKeepAlive() && request.getKeepAlive() &&
                          session.canKeepAlive() && !front_->table.stopping();
  if (!write_answer(session, request, reply, keep_alive)) {
    if (!front_->table.was_cut(this)) ++front_->client_gone;
    return false;
  }
  session.setKeepAlive(keep_alive);
  return keep_alive;
}

GatewayAnswer GatewayConnection::call_handler(const HTTPRequest& request, std::string body) {
  GatewayRequest call;
  call.method = request.getMethod();
  call.target = request.getURI();
  call.headers = request_headers(request);
  call.body = std::move(body);
  call.host = request.get(HTTPRequest::HOST, "");
  call.secure = front_->secure;
  call.peer = peer();
  try {
    return front_->handler(call);
  } catch (const std::exception& error) {
    front_->say("cibatch gateway: the handler failed on " + call.method + " " +
                path_of(call.target) + ": " + error.what());
  } catch (...) {
    front_->say("cibatch gateway: the handler failed on " + call.method + " " +
                path_of(call.target) + " with an unknown exception");
  }
  return error_answer(kInternalError, "cibatch gateway: internal error", "error");
}

bool GatewayConnection::write_answer(HTTPServerSession& session, const HTTPRequest& request,
                                     const GatewayAnswer& reply, bool keep_alive) {
  const HTTPResponse response = response_head(request, reply, keep_alive);
  try {
    Poco::Net::HTTPHeaderOutputStream head(session);
    response.write(head);
    head.flush();
    if (!head.good()) return false;
    if (!has_body(request, reply.status) || reply.body.empty()) return true;
    Poco::Net::HTTPFixedLengthOutputStream out(session,
                                               static_cast<Poco::Int64>(reply.body.size()));
    out.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
    out.flush();
    return out.good();
  } catch (const Poco::Exception&) {
    return false;
  }
}

void GatewayConnection::refuse(HTTPServerSession& session, int status, const std::string& message) {
  if (status == kTooLarge || status == kHeadTooLarge) ++front_->too_large;
  const HTTPRequest plain(HTTPRequest::HTTP_GET, "/", HTTPRequest::HTTP_1_1);
  if (write_answer(session, plain, error_answer(status, message, "refused"), false)) linger();
}

void GatewayConnection::linger() {
  try {
    socket().shutdownSend();
    std::vector<char> sink(kBodyBlock);
    std::size_t drained = 0;
    const auto until = std::chrono::steady_clock::now() + kLingerTime;
    while (drained < kLingerBytes && std::chrono::steady_clock::now() < until) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
          until - std::chrono::steady_clock::now());
      if (!socket().poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ)) break;
      const int n = socket().receiveBytes(sink.data(), static_cast<int>(sink.size()));
      if (n <= 0) break;
      drained += static_cast<std::size_t>(n);
    }
  } catch (...) {
    // The peer is gone already: nothing left to protect.
  }
}

std::string GatewayConnection::peer() {
  try {
    return socket().peerAddress().toString();
  } catch (const Poco::Exception&) {
    return "";
  }
}

GatewayConnectionFactory::GatewayConnectionFactory(std::shared_ptr<FrontState> front)
    : front_(std::move(front)) {}

Poco::Net::TCPServerConnection* GatewayConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new GatewayConnection(socket, front_);
}

ConnectionCap::ConnectionCap(std::shared_ptr<FrontState> front) : front_(std::move(front)) {}

bool ConnectionCap::accept(const Poco::Net::StreamSocket& /*socket*/) {
  if (front_->open.load() >= front_->options.max_connections) {
    ++front_->refused;
    return false;
  }
  ++front_->open;
  return true;
}

}  // namespace cib::gw
