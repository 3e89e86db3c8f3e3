// Tokens: base64url without padding (RFC 4648 section 5), from the kernel's random bytes.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "crossgrant/app/identity/SecureRandom.h"

BOOST_AUTO_TEST_SUITE(secure_random)

BOOST_AUTO_TEST_CASE(base64url_follows_rfc_4648_without_padding) {
  using crossgrant::app::base64Url;
  BOOST_TEST(base64Url("") == "");
  BOOST_TEST(base64Url("f") == "Zg");
  BOOST_TEST(base64Url("fo") == "Zm8");
  BOOST_TEST(base64Url("foo") == "Zm9v");
  BOOST_TEST(base64Url("foobar") == "Zm9vYmFy");
  BOOST_TEST(base64Url(std::string("\xfb\xff\xbf", 3)) == "-_-_");
  // Long input stays on one line.
  BOOST_TEST(base64Url(std::string(300, 'x')).find('\n') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(tokens_are_256_bits_and_differ) {
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) tokens.insert(crossgrant::app::randomToken());
  BOOST_TEST(tokens.size() == 100u);
  BOOST_TEST(tokens.begin()->size() == 43u);  // 32 bytes, unpadded
}

BOOST_AUTO_TEST_SUITE_END()
