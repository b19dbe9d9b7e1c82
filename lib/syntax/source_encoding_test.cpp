// PEP 263: what CPython 3.14 reads from a file's bytes (expected values from python3.14).
#include "syntax/source_encoding.h"

#include <catch2/catch.hpp>

using gbc::ErrorCode;
using gbc::syntax::decodeSource;

TEST_CASE("sources without a declaration, or declaring UTF-8, are their bytes less a BOM") {
  CHECK(*decodeSource("m.py", "x = 1\n") == "x = 1\n");
  CHECK(*decodeSource("m.py", "\xEF\xBB\xBFx = 1\n") == "x = 1\n");
  CHECK(*decodeSource("m.py", "# -*- coding: utf-8 -*-\ns = '\xC3\xA9'\n") ==
        "# -*- coding: utf-8 -*-\ns = '\xC3\xA9'\n");
  CHECK(*decodeSource("m.py", "\xEF\xBB\xBF# coding=UTF_8\n") == "# coding=UTF_8\n");
}

TEST_CASE("Latin-1 and cp1252 declarations decode to UTF-8, on line 1 or after a comment line") {
  CHECK(*decodeSource("m.py", "# -*- coding: latin-1 -*-\ns = 'caf\xE9'\n") ==
        "# -*- coding: latin-1 -*-\ns = 'caf\xC3\xA9'\n");
  CHECK(*decodeSource("m.py", "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n\x80\n") ==
        "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n\xE2\x82\xAC\n");
  CHECK(*decodeSource("m.py", "#coding:ISO-8859-1\n\xFF") == "#coding:ISO-8859-1\n\xC3\xBF");
}

TEST_CASE("a declaration counts only in a comment of line 1, or line 2 after a blank/comment") {
  // line 1 is code: line 2's declaration is ignored, the bytes stay (the parser rejects them)
  CHECK(*decodeSource("m.py", "x = 1\n# coding: latin-1\n\xE9") ==
        "x = 1\n# coding: latin-1\n\xE9");
  CHECK(*decodeSource("m.py", "s = '# coding: latin-1'\n") == "s = '# coding: latin-1'\n");
}

TEST_CASE("encoding problems are located errors") {
  auto bom = decodeSource("m.py", "\xEF\xBB\xBF# coding: latin-1\nx=1\n");
  REQUIRE_FALSE(bom);
  CHECK(bom.error().code == ErrorCode::Syntax);
  CHECK(bom.error().message == "m.py:1:1: syntax error: encoding problem: iso-8859-1 with BOM");
  auto unknown = decodeSource("m.py", "# coding: foo\nx=1\n");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::Unsupported);
  CHECK(unknown.error().message.rfind("m.py:1:1: source encoding 'foo': ", 0) == 0);
  auto undefined = decodeSource("m.py", "# coding: cp1252\n\n\x81");
  REQUIRE_FALSE(undefined);
  CHECK(undefined.error().message ==
        "m.py:3:1: syntax error: 'charmap' codec can't decode byte 0x81: character maps to "
        "<undefined>");
}
