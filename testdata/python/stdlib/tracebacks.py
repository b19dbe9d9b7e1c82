# exc.__traceback__: traceback objects from the frame that caught the exception inwards, with
# tb_frame (its code), tb_lineno and tb_next; sys.exc_info()'s third item.
import sys
def f(): g()
def g(): raise ValueError("x")
try:
    f()
except ValueError as e:
    tb = e.__traceback__
    while tb:
        print(type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name, type(tb.tb_frame).__name__)
        tb = tb.tb_next
    print(sys.exc_info()[2].tb_lineno)
try:
    raise TypeError
except TypeError as exc:
    print(type(exc.__traceback__), type(exc.__traceback__.tb_frame))
print(ValueError().__traceback__)
