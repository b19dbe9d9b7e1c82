# atexit: registration and _run_exitfuncs (expected output from CPython 3.14). Nothing is left
# registered at the end: running the callbacks at exit is the driver's (runAtexitCallbacks).
import atexit


def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


def say(*args, **kwargs):
    print("say", args, kwargs)


def boom():
    raise ValueError("boom")


print(atexit.register(say, 1, x=2) is say, atexit._ncallbacks())
atexit.register(boom)
atexit.register(say, 3)
atexit.register(say, 3)
print(atexit._ncallbacks())
atexit.unregister(say)
print(atexit._ncallbacks())
atexit.register(say, "a")
atexit._run_exitfuncs()
print(atexit._ncallbacks())
atexit.register(say, "cleared")
atexit._clear()
print(atexit._ncallbacks())
t(lambda: atexit.register())
t(lambda: atexit.register(1))
t(lambda: atexit.unregister())
t(lambda: atexit._ncallbacks(1))
t(lambda: atexit.unregister(len))
print("end of program")
