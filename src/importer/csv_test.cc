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

TEST(CsvTable, RejectsInvalidUtf8WithLineAndColumn) {
  EXPECT_TRUE(CsvTable::Parse("a,b\n\xC3\xA9,\xF0\x9F\x8D\x8E\n").ok());
  for (const char* bad : {"\xFF", "\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "x\xE2\x82"}) {
    auto t = CsvTable::Parse(std::string("a,b\n1,2\n3,\"q\nq") + bad + "\"\n");
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().message(), "line 3, column 2: not valid UTF-8");
  }
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
