#include "ServeApp.h"

#include <Poco/Util/ServerApplication.h>

#include <ostream>

#include "crossgrant/api/Api.h"
#include "crossgrant/http/Server.h"
#include "crossgrant/web/Assets.h"
#include "crossgrant/web/Site.h"

namespace crossgrant::server {
namespace {

class ServeApp : public Poco::Util::ServerApplication {
 public:
  ServeApp(app::Context& context, const Configuration& configuration, const web::Assets& assets,
           std::ostream& out)
      : context_(context), configuration_(configuration), assets_(assets), out_(out) {}

 protected:
  int main(const std::vector<std::string>&) override {
    api::Api api(context_, configuration_.api);
    web::Site site(api, assets_);
    http::Server server(site, configuration_.http);
    server.start();
    out_ << "crossgrant " << CROSSGRANT_VERSION << " serving http://" << configuration_.http.host
         << ":" << server.port() << "/  (database " << context_.database().displayUrl()
         << "; stop with Ctrl-C)" << std::endl;
    waitForTerminationRequest();
    out_ << "crossgrant: stopping" << std::endl;
    server.stop();
    return EXIT_OK;
  }

 private:
  app::Context& context_;
  const Configuration& configuration_;
  const web::Assets& assets_;
  std::ostream& out_;
};

}  // namespace

int runServeApp(app::Context& context, const Configuration& configuration, std::ostream& out) {
  // Read before serving, so that a missing or incomplete web directory stops start-up as any
  // other configuration error does (exit 2, naming it).
  const web::Assets assets = web::Assets::load(configuration.webDirectory);
  ServeApp app(context, configuration, assets, out);
  char name[] = "crossgrant";
  char* argv[] = {name, nullptr};
  return app.run(1, argv);
}

}  // namespace crossgrant::server
