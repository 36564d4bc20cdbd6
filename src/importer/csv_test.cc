#include "hearth/importer/csv.h"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(CsvTable, ParsesQuotesAndMultilineRecords) {
  auto t = CsvTable::Parse("a,b,c\r\n1,\"x, \"\"y\"\"\",3\n\"multi\nline\",,z\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows().size(), 2u);
  EXPECT_EQ(t->rows()[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t->rows()[0].line, 2);
  EXPECT_EQ(t->rows()[1].fields[0], "multi\nline");
  EXPECT_EQ(t->rows()[1].fields[1], "");
  EXPECT_EQ(t->rows()[1].line, 3);
  EXPECT_EQ(*t->Column("c"), 2);
  EXPECT_FALSE(t->RequireColumn("d").ok());
}

TEST(CsvTable, ReportsUnterminatedQuoteWithLine) {
  auto t = CsvTable::Parse("a,b\n1,2\n3,\"oops\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "line 3: unterminated quoted field");
}

TEST(CsvTable, ReportsStrayQuoteWithColumn) {
  auto t = CsvTable::Parse("a,b\n1,2\"x\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "line 2, column 2: quote inside an unquoted field");
}

TEST(ParseNumber, RejectsJunk) {
  EXPECT_EQ(ParseNumber("12.5"), 12.5);
  EXPECT_EQ(ParseNumber(" 7 "), 7.0);
  EXPECT_FALSE(ParseNumber("").has_value());
  EXPECT_FALSE(ParseNumber("12kg").has_value());
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("plain"), "plain");
}

}  // namespace
}  // namespace hearth
