# sys.set_int_max_str_digits keeps sys.flags (an immutable struct sequence) in step (3.13+)
import sys
print(sys.flags.int_max_str_digits)
sys.set_int_max_str_digits(0)
print(sys.flags.int_max_str_digits, sys.get_int_max_str_digits(), sys.flags[17], len(sys.flags), sys.flags.gil)
sys.set_int_max_str_digits(5000)
print(sys.flags.int_max_str_digits, str(10**4999)[:3])
