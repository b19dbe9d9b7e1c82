// PEP 263: what CPython 3.14 reads from a file's bytes (expected values from python3.14).
#include "syntax/source_encoding.h"

#include <catch2/catch.hpp>

#include "syntax/parser.h"

using gbc::ErrorCode;
using gbc::syntax::decodeSource;
using gbc::syntax::parseModule;

TEST_CASE("sources without a declaration, or declaring UTF-8, are their bytes") {
  CHECK(*decodeSource("m.py", "x = 1\n") == "x = 1\n");
  CHECK(*decodeSource("m.py", "# -*- coding: utf-8 -*-\ns = '\xC3\xA9'\n") ==
        "# -*- coding: utf-8 -*-\ns = '\xC3\xA9'\n");
}

TEST_CASE("Latin-1 and cp1252 declarations decode to UTF-8, on line 1 or after a comment line") {
  CHECK(*decodeSource("m.py", "# -*- coding: latin-1 -*-\ns = 'caf\xE9'\n") ==
        "# -*- coding: latin-1 -*-\ns = 'caf\xC3\xA9'\n");
  CHECK(*decodeSource("m.py", "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n\x80\n") ==
        "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n\xE2\x82\xAC\n");
  CHECK(*decodeSource("m.py", "#coding:ISO-8859-1\n\xFF") == "#coding:ISO-8859-1\n\xC3\xBF");
}

TEST_CASE("a declaration counts only in a comment of line 1, or line 2 after a blank/comment") {
  CHECK(*decodeSource("m.py", "x = 1\n# coding: latin-1\n\xE9") ==
        "x = 1\n# coding: latin-1\n\xE9");
  CHECK(*decodeSource("m.py", "s = '# coding: latin-1'\n") == "s = '# coding: latin-1'\n");
}

TEST_CASE("encoding problems are syntax errors naming the file") {
  auto bom = decodeSource("m.py", "\xEF\xBB\xBF# coding: latin-1\nx=1\n");
  REQUIRE_FALSE(bom);
  CHECK(bom.error().code == ErrorCode::Syntax);
  CHECK(bom.error().message == "m.py: encoding problem: latin-1 with BOM");
  auto unknown = decodeSource("m.py", "# coding: foo\nx=1\n");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message == "m.py: unknown encoding: foo");
}

TEST_CASE("parseModule reads a declared Latin-1 file (the parser decodes before it checks UTF-8)") {
  auto m = parseModule("m.py", "# -*- coding: latin-1 -*-\ns = 'caf\xE9'\n");
  CHECK(m.has_value());
  CHECK(parseModule("m.py", "\xEF\xBB\xBFx = 1\n").has_value());
}
