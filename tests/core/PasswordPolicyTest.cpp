// The password rules: length in characters, sequences, repeats, keyboard runs, the user name
// and the list of common passwords; a refusal never repeats the password.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "crossgrant/core/Errors.h"
#include "crossgrant/core/PasswordPolicy.h"

using crossgrant::core::PasswordPolicy;

namespace {

PasswordPolicy shippedPolicy() {
  std::ifstream in(std::string(CROSSGRANT_SOURCE_DIR) + "/config/common-passwords.txt");
  BOOST_REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return PasswordPolicy::withCommonList(text.str());
}

std::string problem(const PasswordPolicy& policy, const std::string& password,
                    const std::string& user = "ilze") {
  return policy.problem(password, user).value_or("ok");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(password_policy)

BOOST_AUTO_TEST_CASE(length_counts_characters_not_bytes) {
  const PasswordPolicy policy;
  BOOST_TEST(problem(policy, "Kr4sts-Ligo") == "is too short: at least 12 characters, not 11");
  // 11 Latvian letters are 20 bytes of UTF-8 but still 11 characters.
  BOOST_TEST(problem(policy, "ģērbtuvēļāņ") == "is too short: at least 12 characters, not 11");
  BOOST_TEST(problem(policy, "ģērbtuvēļāņš") == "ok");
  BOOST_TEST(problem(policy, "Kr4sts-Ligo!") == "ok");
  BOOST_TEST(problem(policy, std::string(1025, 'a') + "b") == "is too long: at most 1024 bytes");
  BOOST_TEST(problem(policy, "valid\xff-bytes-no") == "is not valid UTF-8");
  BOOST_TEST(problem(policy, "tab\there-is-bad") == "must not contain control characters");
}

BOOST_AUTO_TEST_CASE(repeats_sequences_and_keyboard_runs_are_refused) {
  const PasswordPolicy policy;
  for (const char* repeated : {"aaaaaaaaaaaa", "ŠŠŠŠŠŠŠŠŠŠŠŠ", "abcabcabcabc", "Xy1Xy1Xy1Xy1"})
    BOOST_TEST(problem(policy, repeated) == "repeats one character or a short pattern", repeated);
  for (const char* sequence : {"abcdefghijkl", "123456789012", "987654321098", "lkjihgfedcba"})
    BOOST_TEST(problem(policy, sequence) == "is a simple sequence of characters", sequence);
  for (const char* keys : {"qwertyuiopas", "QWERTYUIOPAS", "1qaz2wsx3edc4", "lkjhgfdsapoi"})
    BOOST_TEST(problem(policy, keys) == "is a run of keys along the keyboard", keys);
}

BOOST_AUTO_TEST_CASE(the_user_name_may_not_be_in_it) {
  const PasswordPolicy policy;
  BOOST_TEST(problem(policy, "janis.berzins", "janis.berzins") == "must not contain the user name");
  BOOST_TEST(problem(policy, "Janis.Berzins-2026", "janis.berzins") ==
             "must not contain the user name");
  BOOST_TEST(problem(policy, "Janis.Berzins-2026", "ilze") == "ok");
}

BOOST_AUTO_TEST_CASE(common_passwords_and_their_decorations_are_refused) {
  const PasswordPolicy policy = shippedPolicy();
  BOOST_TEST(policy.commonCount() > 150u);
  for (const char* common : {"password1234", "Password1234", "PASSWORD1234", "qwerty123456",
                             "iloveyou1234", "administrator"})
    BOOST_TEST(problem(policy, common) == "is one of the most common passwords", common);
  for (const char* decorated :
       {"password2026!!", "!!letmein!!2026", "crossgrant2026", "1234Parole5678", "slaptazodis123"})
    BOOST_TEST(problem(policy, decorated) == "is a common password with digits or symbols added",
               decorated);
  BOOST_TEST(problem(policy, "Zemgales-pl4ns") == "ok");
  BOOST_TEST(problem(PasswordPolicy(), "password1234") == "ok");
}

BOOST_AUTO_TEST_CASE(a_refusal_names_the_rule_and_never_the_password) {
  const PasswordPolicy policy = shippedPolicy();
  try {
    policy.check("password2026!!", "ilze", "/new");
    BOOST_FAIL("expected InvalidInput");
  } catch (const crossgrant::core::InvalidInput& e) {
    BOOST_TEST(e.errors().at(0).pointer == "/new");
    BOOST_TEST(std::string(e.what()).find("password2026") == std::string::npos);
  }
  BOOST_CHECK_NO_THROW(policy.check("Kr4sts-Ligo!", "ilze", "/new"));
}

BOOST_AUTO_TEST_SUITE_END()
