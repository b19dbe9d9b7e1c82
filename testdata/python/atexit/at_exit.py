# Callbacks still registered when the program ends run as the interpreter exits, last first;
# a failing one is reported on stderr ("Exception ignored in atexit callback") and the rest run.
import atexit
def bye(x):
    print("bye", x)
def bad():
    1/0
atexit.register(bye, 1)
atexit.register(bad)
atexit.register(bye, 2)
print("main")
