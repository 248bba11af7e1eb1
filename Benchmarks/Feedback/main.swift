print("feedback bench: not written yet")
