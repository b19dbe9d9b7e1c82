// gbc's numpy model (numpy_model.cpp, numpy_random.cpp): numpy.array, the element-wise ufuncs,
// ndarray item assignment and numpy.random's legacy MT19937 streams. The expected outputs are
// what numpy 2.4.6 printed (CPython 3.14).
#include <catch2/catch.hpp>

#include <string>

#include "interp/driver.h"
#include "interp/test_programs.h"

namespace {

/// stdout of `gbc run` on the program, with its uncaught traceback (test_programs.h).
std::string run(const std::string& body) {
  return gbc::interp::testing::runProgram("/tmp/gbc_numpy_test.py", "import numpy as np\n" + body);
}

}  // namespace

TEST_CASE("numpy.random draws numpy's legacy MT19937 streams", "[interp][numpy]") {
  CHECK(run("np.random.seed(1111)\n"
            "print(np.random.rand(3).tolist())\n"
            "print(np.random.randn(3).tolist())\n"
            "print(np.random.randint(0, 10, size=5).tolist(), np.random.randint(7))\n"
            "print(np.random.choice(10, size=2, replace=False).tolist(),"
            " np.random.choice(5, 3).tolist())\n"
            "print(np.random.permutation(6).tolist())\n"
            "print(repr(np.random.rand()), type(np.random.randint(5)), np.random.choice(4))\n"
            "print(np.random.uniform(1, 2), np.random.normal())\n"
            "print(np.random.choice(4, 2, p=[0.1, 0.2, 0.3, 0.4]).tolist())\n") ==
        "[0.09554919920876204, 0.9250037018616327, 0.34357342320721895]\n"
        "[-0.7645221439739025, -0.770927936784691, -0.033287438061003]\n"
        "[8, 9, 3, 4, 8] 1\n"
        "[5, 8] [1, 2, 0]\n"
        "[0, 2, 4, 1, 3, 5]\n"
        "0.29836214829238294 <class 'int'> 2\n"
        "1.8873341858924066 1.7328258267786703\n"
        "[1, 1]\n");
}

TEST_CASE("numpy.random seeding: the top seed, seed arrays, RandomState, shuffle",
          "[interp][numpy]") {
  CHECK(run("np.random.seed(2**32-1); print(np.random.rand())\n"
            "np.random.seed([1, 2, 3])\n"
            "print(np.random.rand(), np.random.randint(2**40),"
            " np.random.randint(-5, 5, (2, 2)).tolist())\n"
            "r = np.random.RandomState(5); print(r.rand(), r.randn(2).tolist())\n"
            "l = list(range(8)); np.random.shuffle(l); print(l)\n") ==
        "0.0976320289940138\n"
        "0.6098612722867289 840058822749 [[0, 0], [4, -2]]\n"
        "0.22199317108973948 [-0.2939598035905121, 0.3715905688783965]\n"
        "[6, 2, 0, 1, 5, 3, 7, 4]\n");
}

TEST_CASE("numpy.random's argument errors", "[interp][numpy]") {
  CHECK(run("for bad in [lambda: np.random.seed(-1), lambda: np.random.randint(3, 3),\n"
            "            lambda: np.random.choice(3, 5, replace=False),\n"
            "            lambda: np.random.choice(3, p=[0.5, 0.2, 0.2])]:\n"
            "    try: bad()\n"
            "    except Exception as e: print(type(e).__name__, e)\n") ==
        "ValueError Seed must be between 0 and 2**32 - 1\n"
        "ValueError low >= high\n"
        "ValueError Cannot take a larger sample than population when 'replace=False'\n"
        "ValueError probabilities do not sum to 1\n");
}

TEST_CASE("numpy.array infers bool, int64 or float64; ufuncs and item assignment",
          "[interp][numpy]") {
  CHECK(run("a = np.array([[1.0, 2.0], [3.0, 4.0]])\n"
            "a[:, 0::2] = np.sin(a[:, 0::2])\n"
            "print(a.tolist())\n"
            "print(np.array([1, 2, 3]), np.array([[1.5, 2], [3, 4]]), np.array([True, False]))\n"
            "print(np.power(10000, 0.5), np.cos(np.array([0, 1])).tolist())\n") ==
        "[[0.8414709848078965, 2.0], [0.1411200080598672, 4.0]]\n"
        "[1 2 3] [[1.5 2. ]\n [3.  4. ]] [ True False]\n"
        "100.0 [1.0, 0.5403023058681398]\n");
}
