# gbc-env: GBC_REAL_STDLIB=all
# enum from CPython's own source: Enum, IntEnum, StrEnum, auto, unique (Flag's operators and
# iteration use `yield from`: with the compiler branch).
import enum

class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1

class Shape(enum.StrEnum):
    SQUARE = enum.auto()
    CIRCLE = enum.auto()

class Num(enum.IntEnum):
    ONE = 1
    TWO = 2

print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"], list(Color), Color.RED.name, Color.RED.value)
print(Color.RED is Color(1), Color.RED == 1, len(Color), Color.BLUE in Color, isinstance(Color.RED, Color))
print(Perm.R, int(Perm.W), Perm.X.value, isinstance(Perm.R, int))
print(Shape.SQUARE, repr(Shape.CIRCLE), Shape.SQUARE == "square", Shape("circle"), Shape.SQUARE.upper())
print(Num.TWO + 1, Num(1), Num.ONE < Num.TWO, sorted([Num.TWO, Num.ONE]), f"{Num.TWO}", format(Color.RED))
print(list(Color.__members__), Color.RED.__reduce_ex__(4))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    @enum.unique
    class Dup(enum.Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)

class Planet(enum.Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass, self.radius = mass, radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.mass, round(Planet.EARTH.gravity, 3), Planet.EARTH.value)
Animal = enum.Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
