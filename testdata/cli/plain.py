x = 1
print(x + 1)
