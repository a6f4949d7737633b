"""The rules: one module per rule, in one package per family (the code's hundreds digit).

The registry imports every module here and below and collects the Rule subclasses with a code.
"""
