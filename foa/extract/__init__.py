"""foa.extract"""
