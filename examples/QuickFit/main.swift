import PhysFit
print("placeholder")
