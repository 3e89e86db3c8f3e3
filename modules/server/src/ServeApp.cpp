#include "ServeApp.h"

#include <Poco/Util/ServerApplication.h>

#include <ostream>

#include "AppContext.h"
#include "HttpServer.h"

namespace crossgrant::server {
namespace {

class ServeApp : public Poco::Util::ServerApplication {
 public:
  ServeApp(AppContext& context, std::ostream& out) : context_(context), out_(out) {}

 protected:
  int main(const std::vector<std::string>&) override {
    HttpServer server(context_, context_.settings());
    server.start();
    const Settings& settings = context_.settings();
    out_ << "crossgrant " << CROSSGRANT_VERSION << " serving http://" << settings.httpHost << ":"
         << server.port() << "/  (database " << context_.database().displayUrl()
         << "; stop with Ctrl-C)" << std::endl;
    waitForTerminationRequest();
    out_ << "crossgrant: stopping" << std::endl;
    server.stop();
    return EXIT_OK;
  }

 private:
  AppContext& context_;
  std::ostream& out_;
};

}  // namespace

int runServeApp(AppContext& context, std::ostream& out) {
  ServeApp app(context, out);
  char name[] = "crossgrant";
  char* argv[] = {name, nullptr};
  return app.run(1, argv);
}

}  // namespace crossgrant::server
