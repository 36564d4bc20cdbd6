#include "hearth/status.h"

#include <gtest/gtest.h>

#include "hearth/result.h"

namespace hearth {
namespace {

TEST(Status, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, FactoryJoinsMessages) {
  Status s = Status::NotFound("food", "99999");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "food: 99999");
  EXPECT_EQ(s.ToString(), "not_found: food: 99999");
  EXPECT_EQ(s.WithContext("recipes.json").message(), "recipes.json: food: 99999");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd", std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  HEARTH_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(Result, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd: 3");
}

}  // namespace
}  // namespace hearth
