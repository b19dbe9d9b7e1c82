# The time module (run with TZ=UTC): clocks, struct_time, gmtime / localtime / mktime / asctime /
# ctime / strftime with CPython's argument checks, the zone constants, sleep, get_clock_info.
import time


def show(label, fn):
    try:
        print(label, '->', repr(fn()))
    except Exception as e:
        print(label, '->', type(e).__name__, str(e))


t0, m0, p0, c0 = time.time(), time.monotonic(), time.perf_counter(), time.process_time()
print(type(t0).__name__, type(time.time_ns()).__name__, t0 > 1.6e9, abs(time.time_ns() / 1e9 - t0) < 60)
print(time.monotonic() >= m0, time.perf_counter() >= p0, time.process_time() >= c0, time.thread_time() >= 0)
print(type(time.monotonic_ns()).__name__, type(time.perf_counter_ns()).__name__, type(time.process_time_ns()).__name__)
print(time.sleep(0), time.sleep(0.001))
show('sleep negative', lambda: time.sleep(-1))
show('sleep str', lambda: time.sleep('a'))
show('sleep nan', lambda: time.sleep(float('nan')))
show('sleep none', lambda: time.sleep())
for name in ['time', 'monotonic', 'perf_counter', 'process_time', 'thread_time']:
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution > 0)
show('unknown clock', lambda: time.get_clock_info('x'))
print(time.timezone, time.altzone, time.daylight, time.tzname)
g = time.gmtime(0)
print(g, type(g).__name__, isinstance(g, tuple), len(g), g.tm_zone, g.tm_gmtoff)
print(time.gmtime(1.9), time.gmtime(-1.5)[:6], time.gmtime(1700000000))
print(time.localtime(86400 * 365), time.localtime(0).tm_zone)
show('gmtime str', lambda: time.gmtime('a'))
show('gmtime nan', lambda: time.gmtime(float('nan')))
show('gmtime huge', lambda: time.gmtime(1e30))
print(time.mktime(time.localtime(1000)), time.mktime((2001, 9, 9, 1, 46, 40, 0, 0, 0)))
show('mktime int', lambda: time.mktime(5))
show('mktime short', lambda: time.mktime((1, 2)))
show('mktime float field', lambda: time.mktime((1, 2, 3, 4, 5, 6, 7, 8, 9.5)))
print(time.asctime(time.gmtime(0)), '|', time.ctime(0), '|', time.asctime((2020, 1, 1, 0, 0, 0, 7, 1, 0)))
show('asctime bad wday', lambda: time.asctime((2020, 1, 1, 0, 0, 0, -2, 1, 0)))
show('asctime bad month', lambda: time.asctime((2020, 13, 1, 0, 0, 0, 0, 1, 0)))
fmt = '%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %w %y %Z %z %% %p %I %c %x %X'
print(time.strftime(fmt, time.gmtime(946728000)))
print(time.strftime('%Y', (2020, 0, 0, 0, 0, 0, 0, 0, 0)), time.strftime('%Y|%m|%d', (5, 1, 1, 0, 0, 0, 0, 1, 0)))
print(repr(time.strftime('')), time.strftime('caf\xe9 %Y', time.gmtime(0)))
show('strftime int', lambda: time.strftime(1))
show('strftime bad tuple', lambda: time.strftime('%Y', 5))
show('strftime yday', lambda: time.strftime('%Y', (2020, 1, 1, 0, 0, 0, 0, 400, 0)))
show('strftime month', lambda: time.strftime('%Y', (2020, 13, 1, 0, 0, 0, 0, 1, 0)))
show('strftime none', lambda: time.strftime())
s = time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0))
print(s, s.tm_year, s.tm_zone, s[:3], s.n_fields, s.n_sequence_fields, s.__match_args__[:2])
print(s.__reduce__())
show('struct_time short', lambda: time.struct_time((1, 2)))
show('set field', lambda: setattr(s, 'tm_year', 1))
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.clock_gettime(time.CLOCK_REALTIME) > 1.6e9,
      type(time.clock_gettime_ns(time.CLOCK_MONOTONIC)).__name__, time.clock_getres(time.CLOCK_REALTIME) > 0)
show('clock_gettime bad', lambda: time.clock_gettime(99))
