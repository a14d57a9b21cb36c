// Placeholder; the benchmark commands are being written.
print("zicht-bench")
